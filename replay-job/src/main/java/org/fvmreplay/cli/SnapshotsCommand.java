package org.fvmreplay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.CarExporter;
import org.fvmreplay.snapshots.ChainCoverage;
import org.fvmreplay.snapshots.ChainIndex;
import org.fvmreplay.snapshots.DagWalker;
import org.fvmreplay.snapshots.EpochRanges;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import org.fvmreplay.snapshots.StoreManifest;
import org.fvmreplay.snapshots.SubtreeCheck;
import org.fvmreplay.snapshots.TipsetEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fvm-replay snapshots list|show|verify|export --store DIR}: what a store holds. */
@Command(
        name = "snapshots",
        mixinStandardHelpOptions = true,
        description = "Inspect, verify and export a snapshot store.",
        subcommands = {
            SnapshotsCommand.ListCommand.class,
            SnapshotsCommand.ShowCommand.class,
            SnapshotsCommand.VerifyCommand.class,
            SnapshotsCommand.ExportCommand.class
        })
public final class SnapshotsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Options every subcommand shares. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Option(names = "--store", required = true, paramLabel = "DIR", description = "store directory")
        Path store;

        @Override
        public Integer call() {
            if (!Files.isDirectory(store)) {
                System.err.println("error: no store at " + store);
                return 1;
            }
            // opening creates a store where there is none; reading commands must not write one into a stray directory
            if (!StoreManifest.exists(store)) {
                System.err.println("error: " + store + " is not a store (no " + StoreManifest.FILE_NAME
                        + "; create one with 'fvm-replay import')");
                return 1;
            }
            try (SnapshotStore opened = SnapshotStore.open(store)) {
                return run(opened);
            } catch (SnapshotStoreException | IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }

        abstract int run(SnapshotStore store);
    }

    /** Lists the catalogue. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the imported snapshots.")
    static final class ListCommand extends StoreCommand {
        @Override
        int run(SnapshotStore store) {
            System.out.printf(
                    "store %s: %d shards%n", store.directory(), store.manifest().shards());
            for (SnapshotRecord r : store.catalogue().list()) {
                System.out.printf(
                        "%-8s %,12d blocks %,15d bytes  %s  roots %s%n",
                        r.status(), r.blockCount(), r.blockBytes(), r.path(), r.roots());
            }
            return 0;
        }
    }

    /** Shows one snapshot. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show a snapshot's roots, heaviest tipset and epoch range.")
    static final class ShowCommand extends StoreCommand {
        @Parameters(paramLabel = "SNAPSHOT", description = "the snapshot's path as imported")
        Path snapshot;

        @Option(
                names = "--tipsets",
                description = "also list the snapshot's tipsets from the chain index, with their parent state roots")
        boolean tipsets;

        @Override
        int run(SnapshotStore store) {
            String key = snapshot.toAbsolutePath().normalize().toString();
            SnapshotRecord r = store.catalogue().get(key).orElse(null);
            if (r == null) {
                System.err.println("error: " + key + " is not in the catalogue of " + store.directory()
                        + " (see `snapshots list`)");
                return 1;
            }
            System.out.printf(
                    "path     %s%nstatus   %s%nformat   %s%nsize     %,d bytes%nblocks   %,d (%,d bytes)%nroots    %s%n",
                    r.path(), r.status(), r.format(), r.fileSize(), r.blockCount(), r.blockBytes(), r.roots());
            List<TipsetEntry> chain = ChainIndex.walk(store.blocks(), r.roots());
            if (chain.isEmpty()) {
                System.out.println("chain    none (the roots are not block headers)");
            } else {
                TipsetEntry heaviest = chain.get(0);
                System.out.printf(
                        "heaviest epoch %d, tipset %s, parent state %s%nepochs   %d .. %d (%d tipsets)%n",
                        heaviest.epoch(),
                        heaviest.key(),
                        heaviest.parentStateRoot(),
                        chain.get(chain.size() - 1).epoch(),
                        heaviest.epoch(),
                        chain.size());
                if (tipsets) {
                    for (TipsetEntry t :
                            store.chainIndex().range(chain.get(chain.size() - 1).epoch(), heaviest.epoch())) {
                        System.out.printf(
                                "  epoch %d  parent state %s  receipts %s  base fee %s  tipset %s%n",
                                t.epoch(), t.parentStateRoot(), t.parentMessageReceipts(), t.parentBaseFee(), t.key());
                    }
                }
            }
            return 0;
        }
    }

    /** Reports which epochs the store can replay, and the blocks missing where a snapshot claims them. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Report the coverage of every imported chain: headers back to which epoch, the epochs whose state,",
                "messages and receipts are present, and which epochs can replay. Blocks missing inside a range a snapshot",
                "claims are errors (exit code 2); what a lite snapshot leaves out by design is not.",
                "Snapshots that are not chains (actor bundles, state CARs) and --root CIDs are checked as whole DAGs."
            })
    static final class VerifyCommand extends StoreCommand {
        /** Missing CIDs printed per gap; the count says how many more there are. */
        private static final int CIDS_PER_GAP = 20;

        @Option(
                names = "--root",
                paramLabel = "CID",
                description = "check only the DAG below this CID (state root, ...); repeatable")
        List<String> roots = new ArrayList<>();

        @Override
        int run(SnapshotStore store) {
            if (!roots.isEmpty()) {
                List<Cid> from = new ArrayList<>();
                roots.forEach(r -> from.add(Cid.parse(r)));
                return verifyDag(store, from, from.size() + " root(s)") ? 0 : 2;
            }
            SubtreeCheck check = new SubtreeCheck(store.blocks());
            ChainCoverage coverage = new ChainCoverage(store.blocks(), check);
            Set<List<Cid>> covered = new HashSet<>();
            List<ChainCoverage.Report> reports = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            boolean ok = true;
            for (SnapshotRecord r : store.catalogue().list()) {
                if (!r.complete()) {
                    System.out.printf(
                            "%s: import not finished (%s), skipped; rerun the import to complete it%n",
                            r.path(), r.status());
                    continue;
                }
                if (covered.contains(r.roots())) {
                    continue; // the same head, imported from another file
                }
                ChainCoverage.Report report = coverage.report(r.roots());
                if (report == null) {
                    ok &= verifyDag(store, r.roots(), r.path() + " (not a chain: its roots are not block headers)");
                    covered.add(r.roots());
                    continue;
                }
                covered.add(r.roots());
                reports.add(report);
                sources.add(r.path());
            }
            // a head inside a longer chain already reported adds nothing
            Set<List<Cid>> reported = new HashSet<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Long.compare(
                    reports.get(b).head().epoch(), reports.get(a).head().epoch()));
            int errors = 0;
            for (int i : order) {
                ChainCoverage.Report report = reports.get(i);
                if (reported.contains(report.head().key())) {
                    continue;
                }
                reported.addAll(report.tipsetKeys());
                print(report, sources.get(i));
                errors += report.errors().size();
            }
            if (errors > 0) {
                System.out.printf("%d error(s): blocks missing inside the ranges the snapshots claim%n", errors);
            }
            return ok && errors == 0 ? 0 : 2;
        }

        private static boolean verifyDag(SnapshotStore store, List<Cid> from, String what) {
            DagWalker.Result result = new DagWalker(store.blocks(), true).walk(from, (c, d) -> {});
            System.out.printf(
                    "%,d blocks (%,d bytes) reachable from %s; %d missing%n",
                    result.blocks(), result.bytes(), what, result.missing().size());
            result.missing().stream().limit(100).forEach(c -> System.out.println("missing " + c));
            return result.complete();
        }

        private static void print(ChainCoverage.Report r, String source) {
            System.out.printf(
                    "chain of %s: head epoch %d, tipset %s%n",
                    source, r.head().epoch(), r.head().key());
            String end =
                    r.reachesGenesis() ? "back to genesis" : "parent tipset " + r.headersEndAt() + " not in the store";
            System.out.printf(
                    "  headers   present for epochs %d–%d, %s (%d tipsets, %d null rounds)%n",
                    r.oldest().epoch(), r.head().epoch(), end, r.tipsets(), r.nullRounds());
            for (ChainCoverage.Part part : ChainCoverage.Part.values()) {
                String note = part == ChainCoverage.Part.RECEIPTS
                        ? " (an epoch's receipts are in its child; the head has none)"
                        : "";
                System.out.printf(
                        "  %-9s present for %s%s%n",
                        part.label(), r.present().get(part).describe(), note);
            }
            System.out.printf(
                    "  replay    %s can replay and be checked against receipts%s%n",
                    r.replayable().describe(),
                    r.headRunnable() ? "; the head (" + r.head().epoch() + ") can run but not be checked" : "");
            for (ChainCoverage.Gap gap : r.errors()) {
                System.out.printf(
                        "  error: %s of %s incomplete: %d block(s) missing:%n",
                        gap.part().label(),
                        new EpochRanges(List.of(gap.epochs())).describe(),
                        gap.missing().size());
                gap.missing().stream().limit(CIDS_PER_GAP).forEach(c -> System.out.println("    missing " + c));
                if (gap.missing().size() > CIDS_PER_GAP) {
                    System.out.printf("    ... and %d more%n", gap.missing().size() - CIDS_PER_GAP);
                }
            }
        }
    }

    /** Writes a CARv1. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write the DAG below a state root, or the tipsets of an epoch range, to a CARv1.")
    static final class ExportCommand extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "FILE",
                description = "CAR file to write")
        Path output;

        static final class What {
            @Option(names = "--state-root", paramLabel = "CID", description = "export everything below this CID")
            String stateRoot;

            @ArgGroup(exclusive = false)
            Range range;
        }

        static final class Range {
            @Option(names = "--from", required = true, paramLabel = "EPOCH")
            long from;

            @Option(names = "--to", required = true, paramLabel = "EPOCH")
            long to;
        }

        @Override
        int run(SnapshotStore store) {
            CarExporter exporter = new CarExporter(store.blocks());
            CarExporter.Export export = what.stateRoot != null
                    ? exporter.exportDag(Cid.parse(what.stateRoot), output)
                    : exporter.exportTipsets(store.chainIndex().range(what.range.from, what.range.to), output);
            System.out.printf(
                    "wrote %s: %,d blocks, %,d bytes of block data, roots %s%n",
                    export.file(), export.blocks(), export.bytes(), export.roots());
            return 0;
        }
    }
}
