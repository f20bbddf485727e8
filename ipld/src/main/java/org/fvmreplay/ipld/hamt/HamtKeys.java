package org.fvmreplay.ipld.hamt;

import java.nio.charset.StandardCharsets;
import org.fvmreplay.ipld.cid.Varint;

/** The HAMT key encodings Filecoin actors use: unsigned varints (deal and sector numbers) and UTF-8 strings. */
public final class HamtKeys {
    private HamtKeys() {}

    /** An unsigned LEB128 varint key, as builtin-actors' {@code u64_key}. */
    public static byte[] uvarint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint keys are unsigned, got " + value);
        }
        return Varint.encode(value);
    }

    /** Decodes a key written by {@link #uvarint(long)}, which must span all of {@code key}. */
    public static long parseUvarint(byte[] key) {
        long value = Varint.read(key, 0, key.length);
        if (Varint.size(value) != key.length) {
            throw new IllegalArgumentException("key of " + key.length + " bytes is not exactly one varint");
        }
        return value;
    }

    /** A UTF-8 string key. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
