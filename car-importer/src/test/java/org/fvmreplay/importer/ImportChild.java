package org.fvmreplay.importer;

import java.nio.file.Path;
import org.fvmreplay.snapshots.SnapshotStore;

/**
 * The child JVM of {@link KillAndResumeTest}: imports a file in the given bulk mode and prints its
 * progress. Once past {@code slowAfter} blocks it slows down, so the parent's kill lands in the
 * middle of the import. With a fifth argument {@code written:N} or {@code ingested:N} it dies
 * abruptly ({@link Runtime#halt}: no shutdown hooks, no RocksDB close, as kill -9) at that step of
 * its N-th SST load.
 */
public final class ImportChild {
    private ImportChild() {}

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        Path file = Path.of(args[1]);
        long slowAfter = Long.parseLong(args[2]);
        BulkMode mode = BulkMode.parse(args[3]);
        String haltStep = args.length > 4 ? args[4].substring(0, args[4].indexOf(':')) : "";
        int haltAt = args.length > 4 ? Integer.parseInt(args[4].substring(args[4].indexOf(':') + 1)) : -1;
        ImportOptions options = new ImportOptions(1, 64 << 10, 4, 1 << 20, mode);
        try (SnapshotStore opened = SnapshotStore.open(store, 2)) {
            new SnapshotImporter(opened, options).importFile(file, new ImportListener() {
                private int written;
                private int ingested;

                @Override
                public void progress(long inputBytes, long blocks, long blockBytes) {
                    System.out.println("progress " + blocks);
                    System.out.flush();
                    if (blocks > slowAfter) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void tablesWritten(long checkpointOffset) {
                    if (haltStep.equals("written") && ++written == haltAt) {
                        halt("written", checkpointOffset);
                    }
                }

                @Override
                public void tablesIngested(long checkpointOffset) {
                    if (haltStep.equals("ingested") && ++ingested == haltAt) {
                        halt("ingested", checkpointOffset);
                    }
                }
            });
        }
        System.out.println("done");
    }

    private static void halt(String step, long offset) {
        System.out.println("halt " + step + " " + offset);
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
