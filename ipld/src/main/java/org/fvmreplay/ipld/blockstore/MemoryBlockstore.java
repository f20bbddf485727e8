package org.fvmreplay.ipld.blockstore;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fvmreplay.ipld.cid.Cid;

/** A thread-safe in-memory blockstore. */
public final class MemoryBlockstore implements Blockstore {
    private final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();

    @Override
    public byte[] get(Cid cid) {
        byte[] inline = IdentityBlocks.inline(cid);
        return inline != null ? inline : blocks.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return IdentityBlocks.inline(cid) != null || blocks.containsKey(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        blocks.put(requireNonNull(cid, "cid"), requireNonNull(data, "data"));
    }

    /** Number of blocks held. */
    public int size() {
        return blocks.size();
    }

    /** A read-only view of the blocks held. */
    public Map<Cid, byte[]> asMap() {
        return java.util.Collections.unmodifiableMap(blocks);
    }
}
