package org.fvmreplay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.CarExporter;
import org.fvmreplay.snapshots.ChainIndex;
import org.fvmreplay.snapshots.DagWalker;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import org.fvmreplay.snapshots.TipsetEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fvm-replay snapshots list|show|verify|export --store DIR}: what a store holds. */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "Inspect, verify and export a snapshot store.",
        subcommands = {SnapshotsCommand.ListCommand.class, SnapshotsCommand.ShowCommand.class, SnapshotsCommand.VerifyCommand.class,
                SnapshotsCommand.ExportCommand.class})
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
            System.out.printf("store %s: %d shards%n", store.directory(), store.manifest().shards());
            for (SnapshotRecord r : store.catalogue().list()) {
                System.out.printf("%-8s %,12d blocks %,15d bytes  %s  roots %s%n", r.status(), r.blockCount(), r.blockBytes(), r.path(),
                        r.roots());
            }
            return 0;
        }
    }

    /** Shows one snapshot. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a snapshot's roots, heaviest tipset and epoch range.")
    static final class ShowCommand extends StoreCommand {
        @Parameters(paramLabel = "SNAPSHOT", description = "the snapshot's path as imported")
        Path snapshot;

        @Option(names = "--tipsets", description = "also list the snapshot's tipsets from the chain index, with their parent state roots")
        boolean tipsets;

        @Override
        int run(SnapshotStore store) {
            String key = snapshot.toAbsolutePath().normalize().toString();
            SnapshotRecord r = store.catalogue().get(key).orElse(null);
            if (r == null) {
                System.err.println("error: " + key + " is not in the catalogue of " + store.directory() + " (see `snapshots list`)");
                return 1;
            }
            System.out.printf("path     %s%nstatus   %s%nformat   %s%nsize     %,d bytes%nblocks   %,d (%,d bytes)%nroots    %s%n",
                    r.path(), r.status(), r.format(), r.fileSize(), r.blockCount(), r.blockBytes(), r.roots());
            List<TipsetEntry> chain = ChainIndex.walk(store.blocks(), r.roots());
            if (chain.isEmpty()) {
                System.out.println("chain    none (the roots are not block headers)");
            } else {
                TipsetEntry heaviest = chain.get(0);
                System.out.printf("heaviest epoch %d, tipset %s, parent state %s%nepochs   %d .. %d (%d tipsets)%n", heaviest.epoch(),
                        heaviest.key(), heaviest.parentStateRoot(), chain.get(chain.size() - 1).epoch(), heaviest.epoch(), chain.size());
                if (tipsets) {
                    for (TipsetEntry t : store.chainIndex().range(chain.get(chain.size() - 1).epoch(), heaviest.epoch())) {
                        System.out.printf("  epoch %d  parent state %s  receipts %s  base fee %s  tipset %s%n", t.epoch(),
                                t.parentStateRoot(), t.parentMessageReceipts(), t.parentBaseFee(), t.key());
                    }
                }
            }
            return 0;
        }
    }

    /** Checks reachability. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that every block reachable from the roots (default: every snapshot's roots) is in the store.")
    static final class VerifyCommand extends StoreCommand {
        @Option(names = "--root", paramLabel = "CID", description = "a root to check (state root, header, ...); repeatable")
        List<String> roots = new ArrayList<>();

        @Override
        int run(SnapshotStore store) {
            List<Cid> from = new ArrayList<>();
            roots.forEach(r -> from.add(Cid.parse(r)));
            if (from.isEmpty()) {
                store.catalogue().list().forEach(r -> from.addAll(r.roots()));
            }
            DagWalker.Result result = new DagWalker(store.blocks(), true).walk(from, (c, d) -> {});
            System.out.printf("%,d blocks (%,d bytes) reachable from %d root(s); %d missing%n", result.blocks(), result.bytes(),
                    from.size(), result.missing().size());
            result.missing().stream().limit(100).forEach(c -> System.out.println("missing " + c));
            return result.complete() ? 0 : 2;
        }
    }

    /** Writes a CARv1. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the DAG below a state root, or the tipsets of an epoch range, to a CARv1.")
    static final class ExportCommand extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "CAR file to write")
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
            System.out.printf("wrote %s: %,d blocks, %,d bytes of block data, roots %s%n", export.file(), export.blocks(),
                    export.bytes(), export.roots());
            return 0;
        }
    }
}
