package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The store one tipset executes against: reads fall through to the chain's store, writes stay in memory (so a
 * read-only imported store is never modified and tipsets replay independently), and the first read of an absent block
 * is remembered, so that missing state is reported by CID instead of surfacing as an actor failure.
 */
final class TipsetStore implements Blockstore {
    private final Blockstore base;
    private final Map<Cid, byte[]> written = new HashMap<>();
    private Cid firstMissing;

    TipsetStore(Blockstore base) {
        this.base = requireNonNull(base, "base is null");
    }

    @Override
    public byte[] get(Cid cid) {
        byte[] data = written.get(cid);
        if (data != null) {
            return data;
        }
        data = base.get(cid);
        if (data == null && firstMissing == null) {
            firstMissing = cid;
        }
        return data;
    }

    @Override
    public boolean has(Cid cid) {
        return written.containsKey(cid) || base.has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        written.put(requireNonNull(cid, "cid is null"), requireNonNull(data, "data is null"));
    }

    /** The first block that was read but absent, if any. */
    Optional<Cid> firstMissing() {
        return Optional.ofNullable(firstMissing);
    }
}
