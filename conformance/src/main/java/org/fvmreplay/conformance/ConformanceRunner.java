package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.cache.ModuleCache;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.executor.Executor;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.fvm.machine.BuiltinActors;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.machine.NetworkConfig;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.fvm.trace.GasTrace;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Runs message-class conformance vectors the way ref-fvm's conformance runner does: pre-state plus the actor bundle the
 * system actor names, a machine per variant (network version, epoch, timestamp epoch*30, base fee, circulating supply,
 * recorded randomness), each message applied, receipts and post-state root compared.
 */
public final class ConformanceRunner {
    /**
     * FVM v2 semantics run network version 17 (actors v9, the oldest bundle the project uses), FVM v3 18 to 20, FVM v4 21
     * to 29 (see {@link NetworkConfig#generation()}).
     */
    private static final int MIN_NETWORK_VERSION = 17;

    private static final int MAX_NETWORK_VERSION = 29;
    /** Filecoin network versions that exist so far; anything else in a vector is a mistake, not a skip. */
    private static final int MAX_KNOWN_NETWORK_VERSION = 29;

    private static final BigInteger DEFAULT_BASE_FEE = BigInteger.valueOf(100);
    private static final BigInteger TOTAL_FILECOIN = new BigInteger("2000000000000000000000000000");
    /** Window PoSt needs real proof verification (the reference harness skips these too). */
    private static final Pattern SKIP = Pattern.compile(".*DisputeWindowedPoSt/Ok.*");

    private final Path actorsDirectory;
    private final WasmEngine engine;
    private final Map<Cid, List<CarBlock>> bundles = new HashMap<>();
    private final Map<String, ModuleCache> modules = new HashMap<>();

    public ConformanceRunner(Path actorsDirectory, WasmEngine engine) {
        this.actorsDirectory = requireNonNull(actorsDirectory, "actorsDirectory");
        this.engine = requireNonNull(engine, "engine");
    }

    /** Runs every variant of the vector in {@code file}; a vector that cannot be read yields one FAIL naming why. */
    public List<ConformanceResult> run(Path file) {
        return runReports(file, false).stream().map(VariantReport::toResult).toList();
    }

    /**
     * Runs every variant of the vector in {@code file} and keeps every message's receipts (and, with {@code trace}, its
     * execution trace); a vector that cannot be read yields one FAIL naming why.
     */
    public List<VariantReport> runReports(Path file, boolean trace) {
        requireNonNull(file, "file");
        TestVector vector;
        try {
            vector = new TestVectorReader().read(file);
        } catch (RuntimeException e) {
            return List.of(unreadable(file, e));
        }
        List<VariantReport> results = new ArrayList<>();
        for (TestVector.Variant variant : vector.preconditions().variants()) {
            results.add(runVariant(vector, variant, Optional.empty(), trace));
        }
        return results;
    }

    /**
     * Runs every variant of the vector in {@code file} twice: under its own prices, then under {@code repricing} (traced
     * when {@code trace}), so gas used can be compared message by message.
     */
    public List<RepricingReport> reprice(Path file, Repricing repricing, boolean trace) {
        requireNonNull(file, "file");
        requireNonNull(repricing, "repricing");
        TestVector vector;
        try {
            vector = new TestVectorReader().read(file);
        } catch (RuntimeException e) {
            VariantReport failed = unreadable(file, e);
            return List.of(new RepricingReport(failed, failed));
        }
        List<RepricingReport> results = new ArrayList<>();
        for (TestVector.Variant variant : vector.preconditions().variants()) {
            VariantReport before = runVariant(vector, variant, Optional.empty(), false);
            VariantReport after;
            if (!before.ran()) {
                after = before;
            } else {
                PriceList prices;
                try {
                    prices = repricing.priceListFor(variant.networkVersion());
                } catch (RuntimeException e) {
                    prices = null;
                    after = VariantReport.notRun(
                            vector.source().toString(),
                            vector.id(),
                            variant.id(),
                            variant.networkVersion(),
                            ConformanceResult.Status.FAIL,
                            "error: cannot build " + repricing.describe() + ": " + e.getMessage());
                    results.add(new RepricingReport(before, after));
                    continue;
                }
                after = runVariant(vector, variant, Optional.of(prices), trace);
            }
            results.add(new RepricingReport(before, after));
        }
        return results;
    }

    private static VariantReport unreadable(Path file, RuntimeException e) {
        return VariantReport.notRun(
                file.toString(),
                file.getFileName().toString(),
                "-",
                -1,
                ConformanceResult.Status.FAIL,
                "cannot read vector: " + e.getMessage());
    }

    private VariantReport runVariant(
            TestVector vector, TestVector.Variant variant, Optional<PriceList> prices, boolean trace) {
        String id = vector.id();
        String file = vector.source().toString();
        int nv = variant.networkVersion();
        if (SKIP.matcher(vector.source().toString()).matches()
                || SKIP.matcher(id).matches()) {
            return VariantReport.notRun(
                    file,
                    id,
                    variant.id(),
                    nv,
                    ConformanceResult.Status.SKIP,
                    "Window PoSt verification is not available (needs real proofs)");
        }
        if (nv < 0 || nv > MAX_KNOWN_NETWORK_VERSION) {
            return VariantReport.notRun(
                    file,
                    id,
                    variant.id(),
                    nv,
                    ConformanceResult.Status.FAIL,
                    "unknown network version " + nv + " (known: 0 to " + MAX_KNOWN_NETWORK_VERSION
                            + "); is the vector from a newer test-vectors release?");
        }
        if (nv < MIN_NETWORK_VERSION || nv > MAX_NETWORK_VERSION) {
            return VariantReport.notRun(
                    file,
                    id,
                    variant.id(),
                    nv,
                    ConformanceResult.Status.SKIP,
                    "network version " + nv + " not supported (the machine runs " + MIN_NETWORK_VERSION + " to "
                            + MAX_NETWORK_VERSION + ")");
        }
        try {
            MemoryBlockstore store = VectorBlocks.load(vector);
            MutableStateTree pre =
                    MutableStateTree.load(store, vector.preconditions().stateRoot());
            Cid manifest = Machine.manifestOf(pre);
            Optional<List<CarBlock>> bundle = bundle(manifest);
            if (bundle.isPresent()) {
                for (CarBlock block : bundle.get()) {
                    store.put(block.cid(), block.data());
                }
            } else if (!carriesActorCode(store, manifest)) {
                // a vector extracted with its actor code (from a chain whose bundle is not a mainnet one) needs none
                throw new IllegalStateException("no actor bundle in " + actorsDirectory + " has mainnet manifest "
                        + manifest + ", and the vector does not carry the actor code");
            }
            BigInteger baseFee = vector.preconditions().baseFee().orElse(DEFAULT_BASE_FEE);
            BigInteger circ = vector.preconditions().circulatingSupply().orElse(TOTAL_FILECOIN);
            NetworkConfig defaults = NetworkConfig.forNetworkVersion(nv);
            NetworkConfig network = prices.map(defaults::withPriceList).orElse(defaults);
            MachineContext context = new MachineContext(
                    network,
                    variant.epoch(),
                    variant.epoch() * 30,
                    baseFee,
                    circ,
                    vector.preconditions().stateRoot());
            Machine machine = Machine.create(context, store, new ReplayingExterns(vector.randomness()), engine, false);
            // compiled code depends on the price list (wasm instruction costs), so it is shared per list too
            String moduleKey = manifest + "/" + nv + "/" + network.priceList().name() + "/"
                    + System.identityHashCode(network.priceList());
            ModuleCache shared = modules.computeIfAbsent(moduleKey, k -> machine.modules());
            List<GasTrace> traces = new ArrayList<>();
            Machine runMachine =
                    trace ? machine.withModules(shared).withTraceListener(traces::add) : machine.withModules(shared);
            // the executor runs the network version's FVM generation (NetworkConfig.generation())
            BiFunction<Message, Integer, ApplyRet> executor = new Executor(runMachine)::applyExplicit;
            String mismatch = null;
            List<MessageOutcome> outcomes = new ArrayList<>();
            List<TestVector.Receipt> receipts = vector.postconditions().receipts();
            if (receipts.size() != vector.applyMessages().size()) {
                throw new VectorFormatException(
                        vector.source(),
                        vector.applyMessages().size() + " apply_messages but " + receipts.size() + " receipts");
            }
            for (int i = 0; i < vector.applyMessages().size(); i++) {
                byte[] bytes = vector.applyMessages().get(i).bytes();
                Message message = Message.decode(bytes);
                // chain messages from secp256k1 senders are signed: the reference runner counts the 65-byte
                // signature, its type byte and 3 bytes of CBOR framing in the inclusion size
                int rawLength = bytes.length
                        + (message.from().protocol() == org.fvmreplay.ipld.address.Protocol.SECP256K1 ? 65 + 4 : 0);
                int tracesBefore = traces.size();
                ApplyRet ret = executor.apply(message, rawLength);
                // a message rejected before execution creates no call manager, hence no trace
                Optional<GasTrace> messageTrace = trace
                        ? Optional.of(traces.size() > tracesBefore ? traces.get(traces.size() - 1) : GasTrace.enabled())
                        : Optional.empty();
                TestVector.Receipt want = receipts.get(i);
                MessageOutcome outcome = new MessageOutcome(
                        i,
                        message.gasLimit(),
                        new MessageOutcome.Receipt(
                                want.exitCode(), HexFormat.of().formatHex(want.returnData()), want.gasUsed()),
                        new MessageOutcome.Receipt(
                                ret.exitCode(), HexFormat.of().formatHex(ret.returnData()), ret.gasUsed()),
                        ret.failureInfo(),
                        messageTrace);
                outcomes.add(outcome);
                if (mismatch == null && !outcome.matches()) {
                    mismatch =
                            "message " + i + ": expected " + outcome.expected().describe() + ", got "
                                    + outcome.actual().describe()
                                    + (ret.failureInfo() == null ? "" : " [" + ret.failureInfo() + "]");
                }
            }
            Cid root = runMachine.flush();
            if (mismatch == null && !root.equals(vector.postconditions().stateRoot())) {
                mismatch =
                        "post-state root: expected " + vector.postconditions().stateRoot() + ", got " + root;
            }
            return new VariantReport(
                    file,
                    id,
                    variant.id(),
                    nv,
                    mismatch == null ? ConformanceResult.Status.PASS : ConformanceResult.Status.FAIL,
                    mismatch,
                    outcomes,
                    Optional.of(vector.postconditions().stateRoot()),
                    Optional.of(root));
        } catch (MissingBlockException e) {
            return VariantReport.notRun(
                    file,
                    id,
                    variant.id(),
                    nv,
                    ConformanceResult.Status.FAIL,
                    "error: block " + e.cid()
                            + " is missing from the vector's CAR and the actor bundles (the vector is incomplete; re-extract it)");
        } catch (RuntimeException | StackOverflowError e) {
            return VariantReport.notRun(file, id, variant.id(), nv, ConformanceResult.Status.FAIL, "error: " + e);
        }
    }

    /** Whether {@code store} holds the manifest {@code manifest} and the code of every actor it lists. */
    private static boolean carriesActorCode(MemoryBlockstore store, Cid manifest) {
        try {
            return BuiltinActors.load(store, manifest).codes().values().stream().allMatch(store::has);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The blocks of the mainnet bundle of {@code actorsDirectory} whose manifest is {@code manifest}, if one is. */
    private Optional<List<CarBlock>> bundle(Cid manifest) {
        List<CarBlock> cached = bundles.get(manifest);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (var files = Files.list(actorsDirectory)) {
            for (Path archive : files.filter(p -> p.getFileName().toString().endsWith(".tar.zst"))
                    .sorted()
                    .toList()) {
                ActorBundleArchive bundle = ActorBundleArchive.read(archive);
                if (!bundle.networks().contains("mainnet")) {
                    continue;
                }
                try (CarReader reader = bundle.open("mainnet")) {
                    List<CarBlock> blocks = reader.readAll();
                    Cid root = reader.roots().get(0);
                    byte[] rootBlock = blocks.stream()
                            .filter(b -> b.cid().equals(root))
                            .findFirst()
                            .map(CarBlock::data)
                            .orElse(null);
                    if (rootBlock != null
                            && BuiltinActors.dataOf(rootBlock, root).equals(manifest)) {
                        bundles.put(manifest, blocks);
                        return Optional.of(blocks);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list actor bundles in " + actorsDirectory + ": " + e, e);
        }
        return Optional.empty();
    }
}
