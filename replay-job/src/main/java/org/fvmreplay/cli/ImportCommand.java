package org.fvmreplay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fvmreplay.importer.BulkMode;
import org.fvmreplay.importer.ConsoleProgress;
import org.fvmreplay.importer.ImportException;
import org.fvmreplay.importer.ImportListener;
import org.fvmreplay.importer.ImportOptions;
import org.fvmreplay.importer.ImportResult;
import org.fvmreplay.importer.SnapshotImporter;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fvm-replay import SNAPSHOT... --store DIR}: verified, resumable import of CAR snapshots. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import CAR snapshots (CARv1, CARv2, zstd, Forest) into a sharded snapshot store.",
            "Every block is checked against its CID. Interrupted imports continue where they stopped when rerun;",
            "importing a complete snapshot again does nothing."
        })
public final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SNAPSHOT", arity = "1..*", description = "CAR files to import")
    List<Path> snapshots;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "store directory (created if absent)")
    Path store;

    @Option(
            names = "--shards",
            paramLabel = "N",
            description = "shards of a new store (default ${DEFAULT-VALUE}; fixed at creation)",
            defaultValue = "0",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    int shards;

    @Option(
            names = "--bulk",
            paramLabel = "sst|batch",
            defaultValue = "sst",
            description = {
                "how blocks are loaded: sst (sorted SST files ingested per checkpoint; default, faster)",
                "or batch (write batches without the write-ahead log)"
            })
    String bulk;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Override
    public Integer call() {
        BulkMode bulkMode;
        try {
            bulkMode = BulkMode.parse(bulk);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --bulk: " + e.getMessage());
            return 2;
        }
        for (Path snapshot : snapshots) {
            // before the store is created: a typo should not leave an empty store behind
            if (!Files.isRegularFile(snapshot) || !Files.isReadable(snapshot)) {
                System.err.println(
                        "error: " + snapshot.toAbsolutePath().normalize() + ": no such file (or not readable)");
                return 1;
            }
        }
        try (SnapshotStore opened = SnapshotStore.open(store, shards)) {
            SnapshotImporter importer =
                    new SnapshotImporter(opened, ImportOptions.defaults().withBulkMode(bulkMode));
            for (Path snapshot : snapshots) {
                ImportListener listener = noProgress ? ImportListener.NONE : new ConsoleProgress(System.err);
                long start = System.nanoTime();
                ImportResult result = importer.importFile(snapshot, listener);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "%s: %s, %,d blocks in the snapshot, %,d written now, %d tipsets indexed (%.1f s)%n",
                        snapshot,
                        describe(result.outcome()),
                        result.record().blockCount(),
                        result.blocksWritten(),
                        result.tipsetsIndexed(),
                        seconds);
                result.chainIndexProblem()
                        .ifPresent(problem ->
                                System.err.println("warning: no chain index from " + snapshot + ": " + problem));
                if (result.unverifiableBlocks() > 0) {
                    System.err.printf(
                            "warning: %s: %,d blocks use a hash function this program cannot compute; they were stored unchecked%n",
                            snapshot, result.unverifiableBlocks());
                }
            }
            return 0;
        } catch (ImportException | SnapshotStoreException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String describe(ImportResult.Outcome outcome) {
        return switch (outcome) {
            case IMPORTED -> "imported";
            case RESUMED -> "resumed and completed";
            case ALREADY_COMPLETE -> "already imported, nothing to do";
        };
    }
}
