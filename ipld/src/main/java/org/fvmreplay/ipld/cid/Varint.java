package org.fvmreplay.ipld.cid;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints as used by multiformats, decoded strictly (minimal, at most 9 bytes). */
public final class Varint {
    /** The multiformats spec caps varints at 9 bytes (63 bits). */
    public static final int MAX_BYTES = 9;

    private Varint() {}

    /** Number of bytes {@code value} takes when encoded. */
    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Writes {@code value} (read as unsigned 64-bit) into {@code out} at {@code offset} and returns
     * the offset after it.
     */
    public static int write(long value, byte[] out, int offset) {
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /** Appends {@code value} to {@code out}. */
    public static void write(long value, ByteArrayOutputStream out) {
        byte[] buf = new byte[MAX_BYTES + 1];
        int end = write(value, buf, 0);
        out.write(buf, 0, end);
    }

    /**
     * Reads an unsigned 64-bit varint of up to 10 bytes (Filecoin's ID addresses and address
     * namespaces use the full u64 range, beyond multiformats' 9-byte cap), strictly minimal.
     */
    public static long readUnsigned64(byte[] in, int offset, int limit) {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            if (offset + i >= limit) {
                throw new IllegalArgumentException("truncated varint at offset " + offset);
            }
            int b = in[offset + i] & 0xFF;
            if (i == 9 && b > 1) {
                throw new IllegalArgumentException("varint overflows 64 bits at offset " + offset);
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new IllegalArgumentException("non-minimal varint at offset " + offset);
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint overflows 64 bits at offset " + offset);
    }

    /** Encodes {@code value} alone. */
    public static byte[] encode(long value) {
        byte[] buf = new byte[size(value)];
        write(value, buf, 0);
        return buf;
    }

    /**
     * Reads a varint from {@code in} starting at {@code offset}, not reading past {@code limit}.
     * Returns the value; the number of bytes read is {@link #size(long)} of it (decoding is minimal).
     */
    public static long read(byte[] in, int offset, int limit) {
        long value = 0;
        int shift = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= limit) {
                throw new IllegalArgumentException("truncated varint at offset " + offset);
            }
            int b = in[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new IllegalArgumentException("non-minimal varint at offset " + offset);
                }
                return value;
            }
            shift += 7;
        }
        throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes at offset " + offset);
    }
}
