package org.fvmreplay.ipld.cbor;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A pull reader of DAG-CBOR over a byte array. Strict by default: it rejects indefinite lengths,
 * non-minimal heads, tags other than 42, non-canonical CIDs, floats narrower than 64 bits,
 * invalid UTF-8 and the simple value "undefined". Map key order is checked by callers that read
 * maps (see {@link DagCbor}), since only they know when a key ends.
 */
public final class CborReader {
    /** DAG-CBOR's tag for CIDs. */
    public static final int CID_TAG = 42;

    private final byte[] buf;
    private final int end;
    private final boolean lenient;
    private int pos;

    private CborReader(byte[] buf, int offset, int end, boolean lenient) {
        if (offset < 0 || end > buf.length || offset > end) {
            throw new IndexOutOfBoundsException("slice " + offset + ".." + end + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = end;
        this.lenient = lenient;
    }

    /** A strict reader over all of {@code buf}. */
    public static CborReader strict(byte[] buf) {
        return new CborReader(buf, 0, buf.length, false);
    }

    /** A reader that tolerates non-minimal heads, unsorted keys and narrow floats (for non-canonical real data). */
    public static CborReader lenient(byte[] buf) {
        return new CborReader(buf, 0, buf.length, true);
    }

    /** A strict reader over a slice. */
    public static CborReader strict(byte[] buf, int offset, int end) {
        return new CborReader(buf, offset, end, false);
    }

    public boolean isLenient() {
        return lenient;
    }

    public int position() {
        return pos;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd() {
        if (pos != end) {
            throw new CborException((end - pos) + " trailing bytes after the value", pos);
        }
    }

    /** The major type of the next item, without consuming it. */
    public int peekMajor() {
        require(1);
        return (buf[pos] & 0xFF) >>> 5;
    }

    /** True when the next item is null (without consuming it). */
    public boolean peekNull() {
        require(1);
        return (buf[pos] & 0xFF) == 0xF6;
    }

    /** True when the next item is a CID (tag 42), without consuming it. */
    public boolean peekCid() {
        require(2);
        return (buf[pos] & 0xFF) == 0xD8 && (buf[pos + 1] & 0xFF) == CID_TAG;
    }

    private void require(int n) {
        if (end - pos < n) {
            throw new CborException("unexpected end of input: need " + n + " more bytes, have " + (end - pos), pos);
        }
    }

    /**
     * Reads an item head of the expected major type and returns its argument as an unsigned
     * 64-bit value (possibly negative as a Java long when above 2^63-1).
     */
    private long readHead(int expectedMajor) {
        require(1);
        int start = pos;
        int ib = buf[pos++] & 0xFF;
        int major = ib >>> 5;
        if (major != expectedMajor) {
            pos = start;
            throw new CborException(
                    "expected " + MajorType.name(expectedMajor) + " but found " + MajorType.name(major), start);
        }
        return readArgument(ib & 0x1F, start);
    }

    private long readArgument(int info, int start) {
        if (info < 24) {
            return info;
        }
        long value;
        switch (info) {
            case 24 -> {
                require(1);
                value = buf[pos++] & 0xFF;
                checkMinimal(value >= 24, start);
            }
            case 25 -> {
                require(2);
                value = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
                pos += 2;
                checkMinimal(value > 0xFF, start);
            }
            case 26 -> {
                require(4);
                value = ((long) (buf[pos] & 0xFF) << 24)
                        | ((buf[pos + 1] & 0xFF) << 16)
                        | ((buf[pos + 2] & 0xFF) << 8)
                        | (buf[pos + 3] & 0xFF);
                pos += 4;
                checkMinimal(value > 0xFFFF, start);
            }
            case 27 -> {
                require(8);
                value = 0;
                for (int i = 0; i < 8; i++) {
                    value = (value << 8) | (buf[pos + i] & 0xFF);
                }
                pos += 8;
                checkMinimal(Long.compareUnsigned(value, 0xFFFFFFFFL) > 0, start);
            }
            case 31 -> throw new CborException("indefinite-length item (not allowed in DAG-CBOR)", start);
            default -> throw new CborException("reserved additional information " + info, start);
        }
        return value;
    }

    private void checkMinimal(boolean minimal, int start) {
        if (!minimal && !lenient) {
            throw new CborException("non-minimal integer encoding", start);
        }
    }

    private int readLength(int major) {
        int start = pos;
        long len = readHead(major);
        if (len < 0 || len > end - pos) {
            throw new CborException(
                    MajorType.name(major) + " length " + Long.toUnsignedString(len) + " exceeds the " + (end - pos)
                            + " remaining bytes",
                    start);
        }
        return (int) len;
    }

    /** Reads a non-negative integer that fits in a signed long. */
    public long readUnsigned() {
        int start = pos;
        long v = readHead(MajorType.UNSIGNED);
        if (v < 0) {
            throw new CborException("integer " + Long.toUnsignedString(v) + " does not fit in 63 bits", start);
        }
        return v;
    }

    /** Reads a major type 0 integer as an unsigned 64-bit value held in a long. */
    public long readUnsigned64() {
        return readHead(MajorType.UNSIGNED);
    }

    /** Reads an integer (major type 0 or 1) that fits in a signed long. */
    public long readLong() {
        int start = pos;
        int major = peekMajor();
        if (major == MajorType.UNSIGNED) {
            return readUnsigned();
        }
        long n = readHead(MajorType.NEGATIVE);
        if (n < 0) {
            throw new CborException("negative integer below -2^63", start);
        }
        return -1 - n;
    }

    /** Reads an int-sized integer. */
    public int readInt() {
        int start = pos;
        long v = readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CborException("integer " + v + " does not fit in 32 bits", start);
        }
        return (int) v;
    }

    /** Reads any CBOR integer (-2^64 .. 2^64-1). */
    public BigInteger readBigInteger() {
        int major = peekMajor();
        if (major == MajorType.UNSIGNED) {
            long v = readHead(MajorType.UNSIGNED);
            return v >= 0 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
        }
        long n = readHead(MajorType.NEGATIVE);
        BigInteger mag = n >= 0 ? BigInteger.valueOf(n) : new BigInteger(Long.toUnsignedString(n));
        return mag.add(BigInteger.ONE).negate();
    }

    /** Reads an array header and returns its element count. */
    public int readArrayHeader() {
        int start = pos;
        long n = readHead(MajorType.ARRAY);
        // each element takes at least one byte
        if (n < 0 || n > end - pos) {
            throw new CborException("array of " + Long.toUnsignedString(n) + " elements exceeds the input", start);
        }
        return (int) n;
    }

    /** Reads an array header that must announce exactly {@code expected} elements (tuple structs). */
    public void readArrayHeader(int expected) {
        int start = pos;
        int n = readArrayHeader();
        if (n != expected) {
            pos = start;
            throw new CborException("expected a tuple of " + expected + " fields but found " + n, start);
        }
    }

    /** Reads a map header and returns its entry count. */
    public int readMapHeader() {
        int start = pos;
        long n = readHead(MajorType.MAP);
        if (n < 0 || n > (end - pos) / 2) {
            throw new CborException("map of " + Long.toUnsignedString(n) + " entries exceeds the input", start);
        }
        return (int) n;
    }

    /** Reads a byte string. */
    public byte[] readBytes() {
        int len = readLength(MajorType.BYTES);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    /** Reads a UTF-8 text string, rejecting invalid UTF-8. */
    public String readText() {
        int len = readLength(MajorType.TEXT);
        int start = pos;
        pos += len;
        return decodeUtf8(start, len);
    }

    /** Reads a text string's raw UTF-8 bytes (for key order checks), validating them. */
    byte[] readTextBytes() {
        int len = readLength(MajorType.TEXT);
        int start = pos;
        pos += len;
        decodeUtf8(start, len);
        return Arrays.copyOfRange(buf, start, start + len);
    }

    private String decodeUtf8(int start, int len) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CborException("text string is not valid UTF-8", start);
        }
    }

    /** Reads a CID: tag 42 over a byte string holding 0x00 then the binary CID. */
    public Cid readCid() {
        int start = pos;
        long tag = readHead(MajorType.TAG);
        if (tag != CID_TAG) {
            throw new CborException("tag " + Long.toUnsignedString(tag) + " is not allowed (only 42, CID)", start);
        }
        int bytesAt = pos;
        int len = readLength(MajorType.BYTES);
        if (len < 1 || buf[pos] != 0) {
            throw new CborException("CID bytes must start with the 0x00 multibase prefix", bytesAt);
        }
        try {
            Cid cid = Cid.read(buf, pos + 1, pos + len);
            if (cid.byteLength() != len - 1) {
                throw new CborException("trailing bytes after the CID in tag 42", bytesAt);
            }
            pos += len;
            return cid;
        } catch (IllegalArgumentException e) {
            throw new CborException("invalid CID: " + e.getMessage(), bytesAt);
        }
    }

    /** Reads a CID or null. */
    public Cid readNullableCid() {
        if (peekNull()) {
            pos++;
            return null;
        }
        return readCid();
    }

    /** Reads true or false. */
    public boolean readBool() {
        require(1);
        int b = buf[pos] & 0xFF;
        if (b == 0xF4 || b == 0xF5) {
            pos++;
            return b == 0xF5;
        }
        throw new CborException("expected a boolean", pos);
    }

    /** Reads null. */
    public void readNull() {
        require(1);
        if ((buf[pos] & 0xFF) != 0xF6) {
            throw new CborException("expected null", pos);
        }
        pos++;
    }

    /** Reads a 64-bit float (lenient mode also accepts 16 and 32-bit ones). */
    public double readDouble() {
        require(1);
        int start = pos;
        int ib = buf[pos] & 0xFF;
        if (ib == 0xFB) {
            require(9);
            long bits = 0;
            for (int i = 1; i <= 8; i++) {
                bits = (bits << 8) | (buf[pos + i] & 0xFF);
            }
            pos += 9;
            double d = Double.longBitsToDouble(bits);
            if (!lenient && (Double.isNaN(d) || Double.isInfinite(d))) {
                throw new CborException("NaN and infinities are not allowed in DAG-CBOR", start);
            }
            return d;
        }
        if (lenient && ib == 0xFA) {
            require(5);
            int bits = ((buf[pos + 1] & 0xFF) << 24)
                    | ((buf[pos + 2] & 0xFF) << 16)
                    | ((buf[pos + 3] & 0xFF) << 8)
                    | (buf[pos + 4] & 0xFF);
            pos += 5;
            return Float.intBitsToFloat(bits);
        }
        if (lenient && ib == 0xF9) {
            require(3);
            short bits = (short) (((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF));
            pos += 3;
            return halfToFloat(bits);
        }
        if (ib == 0xF9 || ib == 0xFA) {
            throw new CborException("floats must be 64-bit in DAG-CBOR", start);
        }
        if (ib == 0xF7) {
            throw new CborException("undefined is not allowed in DAG-CBOR", start);
        }
        throw new CborException(
                ib >>> 5 == MajorType.SIMPLE
                        ? "unsupported simple value 0x" + Integer.toHexString(ib)
                        : "expected a float",
                start);
    }

    // Float.float16ToFloat needs Java 20; this is IEEE 754 binary16 widening.
    private static float halfToFloat(short bits) {
        int sign = (bits >>> 15) & 1;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        float magnitude;
        if (exp == 0) {
            magnitude = mant * 0x1p-24f;
        } else if (exp == 31) {
            magnitude = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = (1 + mant / 1024f) * (float) Math.pow(2, exp - 15);
        }
        return sign == 0 ? magnitude : -magnitude;
    }

    /** Skips one complete item, validating it as it goes. */
    public void skip() {
        int major = peekMajor();
        switch (major) {
            case MajorType.UNSIGNED, MajorType.NEGATIVE -> readHead(major);
            case MajorType.BYTES, MajorType.TEXT -> {
                int len = readLength(major);
                if (major == MajorType.TEXT) {
                    decodeUtf8(pos, len);
                }
                pos += len;
            }
            case MajorType.ARRAY -> {
                int n = readArrayHeader();
                for (int i = 0; i < n; i++) {
                    skip();
                }
            }
            case MajorType.MAP -> {
                int n = readMapHeader();
                for (int i = 0; i < 2 * n; i++) {
                    skip();
                }
            }
            case MajorType.TAG -> readCid();
            default -> skipSimple();
        }
    }

    private void skipSimple() {
        int b = buf[pos] & 0xFF;
        if (b == 0xF4 || b == 0xF5 || b == 0xF6) {
            pos++;
        } else if (b == 0xFB || (lenient && (b == 0xF9 || b == 0xFA))) {
            readDouble();
        } else {
            throw new CborException(
                    b == 0xF7
                            ? "undefined is not allowed in DAG-CBOR"
                            : "unsupported simple value 0x" + Integer.toHexString(b),
                    pos);
        }
    }

    /** Skips one item and returns its raw encoded bytes. */
    public byte[] readRaw() {
        int start = pos;
        skip();
        return Arrays.copyOfRange(buf, start, pos);
    }
}
