package org.fvmreplay.fvm.wasm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Growable output buffer writing canonical (shortest) LEB128 and little-endian fixed-width values, as wasm-encoder does. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter writeByte(int value) {
        out.write(value);
        return this;
    }

    public ByteWriter writeBytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public ByteWriter writeU32(long value) {
        long remaining = value & 0xFFFFFFFFL;
        return writeUnsigned(remaining);
    }

    public ByteWriter writeU64(long value) {
        long remaining = value;
        while (true) {
            int b = (int) (remaining & 0x7F);
            remaining >>>= 7;
            if (remaining == 0) {
                out.write(b);
                return this;
            }
            out.write(b | 0x80);
        }
    }

    private ByteWriter writeUnsigned(long value) {
        return writeU64(value);
    }

    public ByteWriter writeSigned(long value) {
        long remaining = value;
        while (true) {
            int b = (int) (remaining & 0x7F);
            remaining >>= 7;
            boolean done = (remaining == 0 && (b & 0x40) == 0) || (remaining == -1 && (b & 0x40) != 0);
            if (done) {
                out.write(b);
                return this;
            }
            out.write(b | 0x80);
        }
    }

    public ByteWriter writeFixed32(int value) {
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public ByteWriter writeFixed64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) ((value >>> (8 * i)) & 0xFF));
        }
        return this;
    }

    public ByteWriter writeName(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        writeU32(raw.length);
        return writeBytes(raw);
    }

    /** Writes {@code payload} prefixed with its length, as for sections and function bodies. */
    public ByteWriter writeSized(byte[] payload) {
        writeU32(payload.length);
        return writeBytes(payload);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
