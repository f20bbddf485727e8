package org.fvmreplay.ipld.hamt;

import java.util.Arrays;

/** The 256-bit child-presence map of a HAMT node; serialised as minimal big-endian bytes. */
final class Bitfield {
    static final int MAX_BYTES = 32;
    private final long[] words = new long[4];

    boolean test(int bit) {
        return (words[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    void set(int bit) {
        words[bit >>> 6] |= 1L << (bit & 63);
    }

    void clear(int bit) {
        words[bit >>> 6] &= ~(1L << (bit & 63));
    }

    int bitCount() {
        return Long.bitCount(words[0]) + Long.bitCount(words[1]) + Long.bitCount(words[2]) + Long.bitCount(words[3]);
    }

    /** Number of set bits below {@code bit}: the position of that bit's child in the pointer list. */
    int rank(int bit) {
        int word = bit >>> 6;
        int count = 0;
        for (int i = 0; i < word; i++) {
            count += Long.bitCount(words[i]);
        }
        long below = (1L << (bit & 63)) - 1;
        return count + Long.bitCount(words[word] & below);
    }

    byte[] toBytes() {
        byte[] full = new byte[MAX_BYTES];
        for (int w = 0; w < 4; w++) {
            long v = words[w];
            int base = MAX_BYTES - 8 * (w + 1);
            for (int b = 0; b < 8; b++) {
                full[base + b] = (byte) (v >>> (56 - 8 * b));
            }
        }
        int first = 0;
        while (first < MAX_BYTES && full[first] == 0) {
            first++;
        }
        return Arrays.copyOfRange(full, first, MAX_BYTES);
    }

    /** Reads the big-endian form; the caller has checked the length is at most 32. */
    static Bitfield fromBytes(byte[] bytes) {
        Bitfield bf = new Bitfield();
        int n = bytes.length;
        for (int i = 0; i < n; i++) {
            int bitBase = 8 * (n - 1 - i);
            long b = bytes[i] & 0xFFL;
            bf.words[bitBase >>> 6] |= b << (bitBase & 63);
        }
        return bf;
    }
}
