package org.fvmreplay.ipld.hamt;

import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;

/** A memory blockstore counting reads and writes like ref-fvm's {@code TrackingBlockstore}. */
public final class TrackingBlockstore implements Blockstore {
    private final Blockstore base;
    private long reads;
    private long writes;
    private long bytesRead;
    private long bytesWritten;

    public TrackingBlockstore() {
        this(new MemoryBlockstore());
    }

    public TrackingBlockstore(Blockstore base) {
        this.base = base;
    }

    /** ref-fvm's {@code BSStats}. */
    public record Stats(long r, long w, long br, long bw) {}

    public Stats stats() {
        return new Stats(reads, writes, bytesRead, bytesWritten);
    }

    @Override
    public byte[] get(Cid cid) {
        reads++;
        byte[] data = base.get(cid);
        if (data != null) {
            bytesRead += data.length;
        }
        return data;
    }

    @Override
    public boolean has(Cid cid) {
        reads++;
        return base.has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        writes++;
        bytesWritten += data.length;
        base.put(cid, data);
    }
}
