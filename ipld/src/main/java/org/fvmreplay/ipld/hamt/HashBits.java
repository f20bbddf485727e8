package org.fvmreplay.ipld.hamt;

/** Reads a key hash a few bits at a time, most significant bit first, to pick a child per level. */
final class HashBits {
    private final byte[] hash;
    private int consumed;

    HashBits(byte[] hash, int consumed) {
        this.hash = hash;
        this.consumed = consumed;
    }

    int consumed() {
        return consumed;
    }

    /** The next {@code bitWidth} bits (fewer when the hash has fewer left) as an index. */
    int next(int bitWidth) {
        int remaining = hash.length * 8 - consumed;
        if (remaining <= 0) {
            throw new HamtException("HAMT maximum depth reached: all " + hash.length * 8
                    + " bits of the key hash are used (too many keys with colliding hashes?)");
        }
        int n = Math.min(bitWidth, remaining);
        int value = 0;
        for (int i = 0; i < n; i++) {
            int bit = (hash[consumed >>> 3] >>> (7 - (consumed & 7))) & 1;
            value = (value << 1) | bit;
            consumed++;
        }
        return value;
    }
}
