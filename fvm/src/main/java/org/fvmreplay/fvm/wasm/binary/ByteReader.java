package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Cursor over a byte range of a WebAssembly binary decoding LEB128 and fixed-width values; offsets are absolute in the module. */
public final class ByteReader {
    private final byte[] bytes;
    private final int end;
    private final long baseOffset;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length, 0);
    }

    /** Reads {@code bytes[from, to)}; {@code baseOffset} is the module offset of {@code bytes[0]}, used in error messages. */
    public ByteReader(byte[] bytes, int from, int to, long baseOffset) {
        this.bytes = requireNonNull(bytes, "bytes is null");
        if (from < 0 || to > bytes.length || from > to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
        this.position = from;
        this.end = to;
        this.baseOffset = baseOffset;
    }

    public boolean atEnd() {
        return position >= end;
    }

    public int position() {
        return position;
    }

    public long offset() {
        return baseOffset + position;
    }

    public int remaining() {
        return end - position;
    }

    public WasmFormatException error(String message) {
        return new WasmFormatException(offset(), message);
    }

    public int readByte() {
        if (position >= end) {
            throw error("unexpected end of data");
        }
        return bytes[position++] & 0xFF;
    }

    public byte[] readBytes(int length) {
        if (length < 0 || length > remaining()) {
            throw error(
                    "length " + Integer.toUnsignedString(length) + " exceeds the " + remaining() + " remaining bytes");
        }
        byte[] result = new byte[length];
        System.arraycopy(bytes, position, result, 0, length);
        position += length;
        return result;
    }

    /** Sub-reader over the next {@code length} bytes, which this reader skips. */
    public ByteReader slice(int length) {
        if (length < 0 || length > remaining()) {
            throw error(
                    "length " + Integer.toUnsignedString(length) + " exceeds the " + remaining() + " remaining bytes");
        }
        ByteReader slice = new ByteReader(bytes, position, position + length, baseOffset);
        position += length;
        return slice;
    }

    public int readU32() {
        long start = offset();
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift == 28 && (b & 0x70) != 0) {
                throw new WasmFormatException(start, "u32 LEB128 overflows 32 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (int) result;
            }
            shift += 7;
            if (shift > 28) {
                throw new WasmFormatException(start, "u32 LEB128 longer than 5 bytes");
            }
        }
    }

    /** Reads a u32 that is used as a count or index and must fit a Java int. */
    public int readCount() {
        long start = offset();
        int value = readU32();
        if (value < 0) {
            throw new WasmFormatException(start, "count " + Integer.toUnsignedString(value) + " is too large");
        }
        return value;
    }

    public long readU64() {
        long start = offset();
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift == 63 && (b & 0x7E) != 0) {
                throw new WasmFormatException(start, "u64 LEB128 overflows 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new WasmFormatException(start, "u64 LEB128 longer than 10 bytes");
            }
        }
    }

    public long readSigned(int bits) {
        long start = offset();
        long result = 0;
        int shift = 0;
        int b;
        int maxBytes = (bits + 6) / 7;
        int count = 0;
        do {
            b = readByte();
            count++;
            if (count > maxBytes) {
                throw new WasmFormatException(start, "s" + bits + " LEB128 longer than " + maxBytes + " bytes");
            }
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        if (bits < 64) {
            long min = -(1L << (bits - 1));
            long max = (1L << (bits - 1)) - 1;
            if (result < min || result > max) {
                throw new WasmFormatException(start, "s" + bits + " LEB128 value out of range");
            }
        }
        return result;
    }

    public int readFixed32() {
        int b0 = readByte();
        int b1 = readByte();
        int b2 = readByte();
        int b3 = readByte();
        return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }

    public long readFixed64() {
        long low = readFixed32() & 0xFFFFFFFFL;
        long high = readFixed32() & 0xFFFFFFFFL;
        return low | (high << 32);
    }

    public String readName() {
        long start = offset();
        byte[] raw = readBytes(readCount());
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WasmFormatException(start, "name is not valid UTF-8");
        }
    }
}
