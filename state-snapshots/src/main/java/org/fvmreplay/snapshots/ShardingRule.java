package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cid.Cid;

/**
 * Which shard holds a block. The rule is part of the on-disk format and must never change for an
 * existing store: take the CID's multihash digest, read its first 8 bytes as an unsigned
 * big-endian integer (zero-padded on the right when the digest is shorter), and reduce it modulo
 * the shard count. The codec and hash function do not take part, so the same digest always lands
 * in the same shard. Digests are cryptographic hashes, so shards fill evenly.
 */
public final class ShardingRule {
    /** The rule's name as recorded in the store manifest. */
    public static final String NAME = "digest-first-8-bytes-big-endian-unsigned-mod-n";

    private final int shards;

    public ShardingRule(int shards) {
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("shard count must be between 1 and 1024: " + shards);
        }
        this.shards = shards;
    }

    public int shards() {
        return shards;
    }

    /** The shard (0 .. shards-1) of {@code cid}. */
    public int shardOf(Cid cid) {
        requireNonNull(cid, "cid");
        byte[] digest = cid.multihash().digest();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < digest.length ? digest[i] & 0xFF : 0);
        }
        return (int) Long.remainderUnsigned(prefix, shards);
    }
}
