package org.fvmreplay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.execution.ActorBundles;
import org.fvmreplay.chain.execution.ActorManifestMigrations;
import org.fvmreplay.chain.execution.ReplayStatus;
import org.fvmreplay.chain.execution.TipsetExecutor;
import org.fvmreplay.chain.execution.TipsetReplay;
import org.fvmreplay.chain.execution.TipsetReport;
import org.fvmreplay.chain.network.ActorManifests;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.StoreManifest;
import org.fvmreplay.snapshots.TipsetEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code replay}: re-executes the tipsets of an imported store between two epochs and checks each against the chain. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Re-execute the tipsets of an imported store from epoch A to B and check every state root and receipts root against the chain.",
            "Prints MATCH|MISMATCH|MIGRATION|MISSING_STATE|UNSUPPORTED per tipset and 'N matched, N mismatched, N skipped'; exits 1 on any mismatch."
        })
public final class ReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "a store made by 'fvm-replay import'")
    private Path store;

    @Option(names = "--from", required = true, paramLabel = "EPOCH", description = "first epoch to replay")
    private long from;

    @Option(names = "--to", required = true, paramLabel = "EPOCH", description = "last epoch to replay (inclusive)")
    private long to;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description =
                    "network configuration (upgrade schedule, actor manifests; a shared chain's manifest.json works as it is); "
                            + "default: recognised from the genesis (mainnet, calibnet)")
    private Path networkFile;

    @Mixin
    private CodeCacheOption codeCache = new CodeCacheOption();

    @Mixin
    private EngineOption engine = new EngineOption();

    @Option(
            names = "--actors",
            paramLabel = "DIR",
            description =
                    "folder of actor bundle archives (vN.tar.zst) for state migrations; default: an 'actors' folder beside a parent of the --network file")
    private Path actorsDir;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "JSON report, one entry per tipset, written atomically")
    private Path report;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    private boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (from < 0 || to < from) {
            throw new ParameterException(
                    spec.commandLine(), "--from " + from + " --to " + to + ": expected 0 <= from <= to");
        }
        if (!Files.isDirectory(store)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--store " + store + ": no such directory (create one with 'fvm-replay import')");
        }
        // SnapshotStore.open creates a store in a directory that has none: a replay must not write one into, say, a
        // typo'd path
        if (!StoreManifest.exists(store)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--store " + store + ": not a store (no " + StoreManifest.FILE_NAME
                            + "; create one with 'fvm-replay import')");
        }
        if (networkFile != null && !Files.isRegularFile(networkFile)) {
            throw new ParameterException(spec.commandLine(), "--network " + networkFile + ": no such file");
        }
        try (SnapshotStore opened = SnapshotStore.open(store)) {
            List<TipsetEntry> selected = opened.chainIndex().range(Math.max(from, 1), to);
            if (selected.isEmpty()) {
                err.println("error: the store's chain index has no tipset between epochs " + from + " and " + to
                        + " (genesis is not executed; see 'fvm-replay snapshots list --store " + store + "')");
                err.flush();
                return 2;
            }
            ChainStore chain = new ChainStore(opened.blocks());
            Optional<TipsetEntry> genesis = opened.chainIndex().at(0);
            NetworkConfig network;
            Map<Integer, Cid> manifests;
            if (networkFile != null) {
                // a malformed file is the user's input, not a crash: one line and the usage exit code, as for the other
                // options
                try {
                    network = NetworkConfig.read(networkFile);
                    manifests = ActorManifests.read(networkFile);
                } catch (ChainException | UncheckedIOException | IllegalArgumentException e) {
                    err.println("error: --network " + networkFile + ": " + e.getMessage());
                    err.flush();
                    return 2;
                }
            } else {
                Optional<NetworkConfig> known =
                        genesis.flatMap(g -> NetworkConfig.forGenesis(g.key().get(0)));
                if (known.isEmpty()) {
                    err.println(
                            "error: the store's genesis is neither mainnet's nor calibnet's: pass --network FILE (a shared chain's manifest.json works)");
                    err.flush();
                    return 2;
                }
                network = known.get();
                manifests = ActorManifests.mainnet();
            }
            WasmEngine wasm = WasmEngines.create(engine.name(), EngineConfig.reference(), codeCache.dir());
            TipsetReplay replay = new TipsetReplay(
                    chain, new TipsetExecutor(chain, network, wasm, new ActorManifestMigrations(manifests, bundles())));
            Map<ReplayStatus, Integer> counts = new EnumMap<>(ReplayStatus.class);
            ArrayNode reports = JSON.createArrayNode();
            long messages = 0;
            long started = System.nanoTime();
            try (ProgressBar bar = progressBar(selected.size())) {
                for (int index = 0; index < selected.size(); index++) {
                    TipsetEntry entry = selected.get(index);
                    Optional<TipsetEntry> next = index + 1 < selected.size()
                            ? Optional.of(selected.get(index + 1))
                            : opened.chainIndex().nextAfter(entry.epoch());
                    Tipset tipset = chain.tipset(new TipsetKey(entry.key()));
                    TipsetReport r;
                    if (next.isEmpty()) {
                        out.println("MISSING_STATE " + entry.epoch()
                                + " its child tipset is not in the store: the replay cannot be checked");
                        counts.merge(ReplayStatus.MISSING_STATE, 1, Integer::sum);
                        step(bar);
                        continue;
                    }
                    Tipset child = chain.tipset(new TipsetKey(next.get().key()));
                    r = replay.replay(tipset, child);
                    counts.merge(r.status(), 1, Integer::sum);
                    messages += r.messages();
                    out.println(r.status() + " " + r.epoch()
                            + (r.networkVersion() > 0 ? " nv" + r.networkVersion() : "") + " " + r.detail());
                    out.flush();
                    reports.add(json(r));
                    step(bar);
                }
            } finally {
                wasm.close();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int matched = counts.getOrDefault(ReplayStatus.MATCH, 0);
            int mismatched = counts.getOrDefault(ReplayStatus.MISMATCH, 0);
            int skipped = selected.size() - matched - mismatched;
            if (report != null) {
                writeReport(reports, counts);
            }
            err.printf(
                    "replayed %d tipsets (%d messages) in %.1f s: %.2f tipsets/s, %.1f messages/s; skipped: %s%n",
                    selected.size(),
                    messages,
                    seconds,
                    selected.size() / seconds,
                    messages / seconds,
                    skippedDetail(counts));
            err.flush();
            out.println(matched + " matched, " + mismatched + " mismatched, " + skipped + " skipped");
            out.flush();
            return mismatched > 0 ? 1 : 0;
        }
    }

    /** The bundle folder: {@code --actors}, else an {@code actors} folder of archives beside a parent of the network file. */
    private Optional<ActorBundles> bundles() {
        if (actorsDir != null) {
            if (!Files.isDirectory(actorsDir)) {
                throw new ParameterException(spec.commandLine(), "--actors " + actorsDir + ": no such directory");
            }
            return Optional.of(new ActorBundles(actorsDir));
        }
        if (networkFile == null) {
            return Optional.empty();
        }
        return ActorBundles.folderNear(networkFile).map(ActorBundles::new);
    }

    private static String skippedDetail(Map<ReplayStatus, Integer> counts) {
        StringBuilder b = new StringBuilder();
        for (ReplayStatus s : List.of(ReplayStatus.MIGRATION, ReplayStatus.MISSING_STATE, ReplayStatus.UNSUPPORTED)) {
            b.append(b.length() == 0 ? "" : ", ")
                    .append(counts.getOrDefault(s, 0))
                    .append(' ')
                    .append(s);
        }
        return b.toString();
    }

    private static ObjectNode json(TipsetReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("epoch", r.epoch());
        ArrayNode key = n.putArray("tipset");
        r.key().cids().forEach(c -> key.add(c.toString()));
        n.put("network_version", r.networkVersion());
        n.put("status", r.status().name());
        n.put("detail", r.detail());
        n.put("messages", r.messages());
        n.put("expected_state_root", r.expectedStateRoot().toString());
        n.put("computed_state_root", r.computedStateRoot().map(Cid::toString).orElse(null));
        n.put("expected_receipts_root", r.expectedReceiptsRoot().toString());
        n.put(
                "computed_receipts_root",
                r.computedReceiptsRoot().map(Cid::toString).orElse(null));
        n.put("elapsed_ms", r.elapsedNanos() / 1_000_000.0);
        r.firstDifference().ifPresent(d -> {
            ObjectNode diff = n.putObject("first_differing_receipt");
            diff.put("index", d.index());
            diff.put("message_cid", d.messageCid().map(Cid::toString).orElse(null));
            diff.put("expected", d.expected().map(Object::toString).orElse(null));
            diff.put("actual", d.actual().map(Object::toString).orElse(null));
        });
        return n;
    }

    private void writeReport(ArrayNode reports, Map<ReplayStatus, Integer> counts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        counts.forEach((k, v) -> summary.put(k.name(), v));
        root.set("tipsets", reports);
        Path target = report.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(
                    target.getParent(), target.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write report " + target + ": " + e.getMessage(), e);
        }
    }

    private ProgressBar progressBar(int tipsets) {
        if (noProgress || !ConformanceCommand.stderrIsTerminal()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("tipsets")
                .setInitialMax(tipsets)
                .setUnit(" tipsets", 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                .build();
    }

    private static void step(ProgressBar bar) {
        if (bar != null) {
            bar.step();
        }
    }
}
