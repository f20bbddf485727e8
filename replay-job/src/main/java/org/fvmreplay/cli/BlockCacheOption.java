package org.fvmreplay.cli;

import org.fvmreplay.snapshots.SnapshotStore;
import picocli.CommandLine.Option;

/** {@code --block-cache-mib N}: the heap a store handle spends on decoded blocks. */
public final class BlockCacheOption {
    @Option(
            names = "--block-cache-mib",
            paramLabel = "N",
            description = "MiB of decoded blocks the store keeps in the Java heap, one cache per process shared by its "
                    + "slots (default: 128; 0 for none)")
    private Long mebibytes;

    /** The cache size in bytes. */
    public long bytes() {
        if (mebibytes == null) {
            return SnapshotStore.DEFAULT_BLOCK_CACHE_BYTES;
        }
        if (mebibytes < 0 || mebibytes > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException("--block-cache-mib " + mebibytes + ": expected 0 or more MiB");
        }
        return mebibytes << 20;
    }
}
