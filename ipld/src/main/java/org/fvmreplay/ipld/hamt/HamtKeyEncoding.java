package org.fvmreplay.ipld.hamt;

/** How a HAMT writes its keys in buckets. */
public enum HamtKeyEncoding {
    /** A CBOR byte string holding the key: every HAMT in Filecoin actor state. */
    BYTES,
    /**
     * The key is one already-encoded DAG-CBOR item written as is, as ref-fvm's generic
     * {@code Hamt<K>} stores non-byte keys (integers, in its tests). Bucket order is then the byte
     * order of the encodings, which equals numeric order for unsigned integers.
     */
    CBOR_ITEM
}
