package org.fvmreplay.ipld.blockstore;

import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;

/**
 * Content-addressed block storage. Implementations trust the caller's CID on {@link #put}; the
 * readers that take data from outside (CAR files) verify before they put.
 */
public interface Blockstore extends AutoCloseable {

    /** The block's bytes, or null when absent. Identity CIDs are answered from the CID itself. */
    byte[] get(Cid cid);

    /** True when the block is present. */
    boolean has(Cid cid);

    /** Stores a block under {@code cid}. */
    void put(Cid cid, byte[] data);

    /** Stores many blocks; stores that batch writes override this. */
    default void putAll(Iterable<Block> blocks) {
        for (Block b : blocks) {
            put(b.cid(), b.data());
        }
    }

    /** The block's bytes, or a {@link MissingBlockException} naming the CID. */
    default byte[] getOrThrow(Cid cid) {
        byte[] data = get(cid);
        if (data == null) {
            throw new MissingBlockException(cid);
        }
        return data;
    }

    /** Hashes a DAG-CBOR block with blake2b-256 (Filecoin's default), stores it and returns its CID. */
    default Cid putDagCbor(byte[] data) {
        Cid cid = Cid.compute(Multicodec.DAG_CBOR, MultihashCode.BLAKE2B_256, data);
        put(cid, data);
        return cid;
    }

    @Override
    default void close() {}
}
