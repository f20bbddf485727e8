package org.fvmreplay.fvm.conformance;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.cache.ModuleCache;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.executor.Executor;
import org.fvmreplay.fvm.executor.ExecutorV2;
import org.fvmreplay.fvm.gas.FvmGeneration;
import org.fvmreplay.fvm.externs.ReplayingExterns;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.machine.NetworkConfig;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
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
    /** FVM v2 semantics run network version 17 (actors v9), FVM v3 network version 18. */
    private static final int MIN_NETWORK_VERSION = 17;
    private static final int MAX_NETWORK_VERSION = 18;
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
        TestVector vector;
        try {
            vector = new TestVectorReader().read(file);
        } catch (RuntimeException e) {
            return List.of(new ConformanceResult(file.getFileName().toString(), "-", ConformanceResult.Status.FAIL, "cannot read vector: " + e.getMessage(), "", ""));
        }
        List<ConformanceResult> results = new ArrayList<>();
        for (TestVector.Variant variant : vector.preconditions().variants()) {
            results.add(runVariant(vector, variant));
        }
        return results;
    }

    private ConformanceResult runVariant(TestVector vector, TestVector.Variant variant) {
        String id = vector.id();
        if (SKIP.matcher(vector.source().toString()).matches() || SKIP.matcher(id).matches()) {
            return new ConformanceResult(id, variant.id(), ConformanceResult.Status.SKIP, "Window PoSt verification is not available (needs real proofs)", "", "");
        }
        if (variant.networkVersion() < MIN_NETWORK_VERSION || variant.networkVersion() > MAX_NETWORK_VERSION) {
            return new ConformanceResult(id, variant.id(), ConformanceResult.Status.SKIP, "network version " + variant.networkVersion() + " not supported", "", "");
        }
        try {
            MemoryBlockstore store = VectorBlocks.load(vector);
            MutableStateTree pre = MutableStateTree.load(store, vector.preconditions().stateRoot());
            Cid manifest = Machine.manifestOf(pre);
            for (CarBlock block : bundle(manifest)) {
                store.put(block.cid(), block.data());
            }
            BigInteger baseFee = vector.preconditions().baseFee().orElse(DEFAULT_BASE_FEE);
            BigInteger circ = vector.preconditions().circulatingSupply().orElse(TOTAL_FILECOIN);
            NetworkConfig network = NetworkConfig.forNetworkVersion(variant.networkVersion());
            MachineContext context = new MachineContext(network, variant.epoch(), variant.epoch() * 30, baseFee, circ, vector.preconditions().stateRoot());
            Machine machine = Machine.create(context, store, new ReplayingExterns(vector.randomness()), engine, false);
            ModuleCache shared = modules.computeIfAbsent(manifest + "/" + network.networkVersion(), k -> machine.modules());
            Machine runMachine = machine.withModules(shared);
            // FVM v2 and v3 differ in preflight, call manager, kernel and syscalls: each has its own executor
            BiFunction<Message, Integer, ApplyRet> executor = network.priceList().generation() == FvmGeneration.V2
                    ? new ExecutorV2(runMachine)::applyExplicit
                    : new Executor(runMachine)::applyExplicit;
            StringBuilder expected = new StringBuilder();
            StringBuilder actual = new StringBuilder();
            String mismatch = null;
            List<TestVector.Receipt> receipts = vector.postconditions().receipts();
            for (int i = 0; i < vector.applyMessages().size(); i++) {
                byte[] bytes = vector.applyMessages().get(i).bytes();
                Message message = Message.decode(bytes);
                // chain messages from secp256k1 senders are signed: the reference runner counts the 65-byte
                // signature, its type byte and 3 bytes of CBOR framing in the inclusion size
                int rawLength = bytes.length + (message.from().protocol() == org.fvmreplay.ipld.address.Protocol.SECP256K1 ? 65 + 4 : 0);
                ApplyRet ret = executor.apply(message, rawLength);
                TestVector.Receipt want = receipts.get(i);
                String w = "exit=" + want.exitCode() + " gas=" + want.gasUsed() + " return=" + HexFormat.of().formatHex(want.returnData());
                String a = "exit=" + ret.exitCode() + " gas=" + ret.gasUsed() + " return=" + HexFormat.of().formatHex(ret.returnData());
                expected.append(w).append("; ");
                actual.append(a).append(ret.failureInfo() == null || ret.exitCode() == 0 ? "" : " (" + ret.failureInfo() + ")").append("; ");
                if (mismatch == null && !w.equals(a)) {
                    mismatch = "message " + i + ": expected " + w + ", got " + a + (ret.failureInfo() == null ? "" : " [" + ret.failureInfo() + "]");
                }
            }
            Cid root = runMachine.flush();
            expected.append("root=").append(vector.postconditions().stateRoot());
            actual.append("root=").append(root);
            if (mismatch == null && !root.equals(vector.postconditions().stateRoot())) {
                mismatch = "post-state root: expected " + vector.postconditions().stateRoot() + ", got " + root;
            }
            return new ConformanceResult(id, variant.id(), mismatch == null ? ConformanceResult.Status.PASS : ConformanceResult.Status.FAIL,
                    mismatch, expected.toString(), actual.toString());
        } catch (RuntimeException | StackOverflowError e) {
            return new ConformanceResult(id, variant.id(), ConformanceResult.Status.FAIL, "error: " + e, "", "");
        }
    }

    private List<CarBlock> bundle(Cid manifest) {
        List<CarBlock> cached = bundles.get(manifest);
        if (cached != null) {
            return cached;
        }
        try (var files = Files.list(actorsDirectory)) {
            for (Path archive : files.filter(p -> p.getFileName().toString().endsWith(".tar.zst")).sorted().toList()) {
                ActorBundleArchive bundle = ActorBundleArchive.read(archive);
                if (!bundle.networks().contains("mainnet")) {
                    continue;
                }
                try (CarReader reader = bundle.open("mainnet")) {
                    List<CarBlock> blocks = reader.readAll();
                    Cid root = reader.roots().get(0);
                    byte[] rootBlock = blocks.stream().filter(b -> b.cid().equals(root)).findFirst().map(CarBlock::data).orElse(null);
                    if (rootBlock != null && org.fvmreplay.fvm.machine.BuiltinActors.dataOf(rootBlock, root).equals(manifest)) {
                        bundles.put(manifest, blocks);
                        return blocks;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list actor bundles in " + actorsDirectory + ": " + e, e);
        }
        throw new IllegalStateException("no actor bundle in " + actorsDirectory + " has mainnet manifest " + manifest);
    }
}
