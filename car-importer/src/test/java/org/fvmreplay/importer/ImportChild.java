package org.fvmreplay.importer;

import java.nio.file.Path;
import org.fvmreplay.snapshots.SnapshotStore;

/**
 * The child JVM of {@link KillAndResumeTest}: imports a file and prints its progress. Once past
 * {@code slowAfter} blocks it slows down, so the parent's kill lands in the middle of the import.
 */
public final class ImportChild {
    private ImportChild() {}

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        Path file = Path.of(args[1]);
        long slowAfter = Long.parseLong(args[2]);
        ImportOptions options = new ImportOptions(1, 64 << 10, 4, 1 << 20);
        try (SnapshotStore opened = SnapshotStore.open(store, 2)) {
            new SnapshotImporter(opened, options).importFile(file, new ImportListener() {
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
            });
        }
        System.out.println("done");
    }
}
