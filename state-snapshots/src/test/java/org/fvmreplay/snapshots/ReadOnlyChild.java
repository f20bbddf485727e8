package org.fvmreplay.snapshots;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link SnapshotStoreReadOnlyTest}: opens the store read-only twice (while the
 * parent holds it open for writing), reads all of it through both handles and prints what it found.
 */
public final class ReadOnlyChild {
    private ReadOnlyChild() {}

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        try (SnapshotStore first = SnapshotStore.openReadOnly(store);
                SnapshotStore second = SnapshotStore.openReadOnly(store)) {
            AtomicLong blocks = new AtomicLong();
            first.blocks().forEachCid(cid -> {
                if (second.blocks().get(cid) == null) {
                    throw new AssertionError("block " + cid + " is missing from the second handle");
                }
                blocks.incrementAndGet();
            });
            System.out.println(report(
                    blocks.get(),
                    second.chainIndex().all().size(),
                    first.blocks().shardCount()));
        }
    }

    static String report(long blocks, int tipsets, int shards) {
        return "blocks=" + blocks + " tipsets=" + tipsets + " shards=" + shards;
    }
}
