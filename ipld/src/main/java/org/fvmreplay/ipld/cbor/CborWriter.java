package org.fvmreplay.ipld.cbor;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fvmreplay.ipld.cid.Cid;

/** Writes canonical DAG-CBOR (minimal heads, definite lengths) into a growable buffer. */
public final class CborWriter {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private byte[] buf;
    private int size;

    public CborWriter() {
        this(64);
    }

    public CborWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    /** Writes a head: major type and an unsigned 64-bit argument (a negative long means above 2^63-1). */
    public CborWriter writeHead(int major, long value) {
        ensure(9);
        int mt = major << 5;
        if (value >= 0 && value < 24) {
            buf[size++] = (byte) (mt | value);
        } else if (value >= 0 && value <= 0xFF) {
            buf[size++] = (byte) (mt | 24);
            buf[size++] = (byte) value;
        } else if (value >= 0 && value <= 0xFFFF) {
            buf[size++] = (byte) (mt | 25);
            buf[size++] = (byte) (value >>> 8);
            buf[size++] = (byte) value;
        } else if (value >= 0 && value <= 0xFFFFFFFFL) {
            buf[size++] = (byte) (mt | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (value >>> shift);
            }
        } else {
            buf[size++] = (byte) (mt | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (value >>> shift);
            }
        }
        return this;
    }

    /** Writes a signed integer. */
    public CborWriter writeLong(long v) {
        return v >= 0 ? writeHead(MajorType.UNSIGNED, v) : writeHead(MajorType.NEGATIVE, -1 - v);
    }

    /** Writes an integer in CBOR's range -2^64 .. 2^64-1. */
    public CborWriter writeBigInteger(BigInteger v) {
        if (v.signum() >= 0) {
            if (v.bitLength() > 64) {
                throw new IllegalArgumentException("integer above 2^64-1: " + v);
            }
            return writeHead(MajorType.UNSIGNED, v.longValue());
        }
        BigInteger n = v.negate().subtract(BigInteger.ONE);
        if (n.compareTo(TWO_64) >= 0) {
            throw new IllegalArgumentException("integer below -2^64: " + v);
        }
        return writeHead(MajorType.NEGATIVE, n.longValue());
    }

    public CborWriter writeArrayHeader(int n) {
        return writeHead(MajorType.ARRAY, n);
    }

    public CborWriter writeMapHeader(int n) {
        return writeHead(MajorType.MAP, n);
    }

    public CborWriter writeBytes(byte[] data) {
        return writeBytes(data, 0, data.length);
    }

    public CborWriter writeBytes(byte[] data, int offset, int length) {
        writeHead(MajorType.BYTES, length);
        ensure(length);
        System.arraycopy(data, offset, buf, size, length);
        size += length;
        return this;
    }

    public CborWriter writeText(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeHead(MajorType.TEXT, utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Writes a CID as tag 42 over {@code 0x00 || cid bytes}. */
    public CborWriter writeCid(Cid cid) {
        writeHead(MajorType.TAG, CborReader.CID_TAG);
        int len = cid.byteLength() + 1;
        writeHead(MajorType.BYTES, len);
        ensure(len);
        buf[size++] = 0;
        size = cid.writeTo(buf, size);
        return this;
    }

    /** Writes a CID, or null when {@code cid} is null. */
    public CborWriter writeNullableCid(Cid cid) {
        return cid == null ? writeNull() : writeCid(cid);
    }

    public CborWriter writeBool(boolean b) {
        ensure(1);
        buf[size++] = (byte) (b ? 0xF5 : 0xF4);
        return this;
    }

    public CborWriter writeNull() {
        ensure(1);
        buf[size++] = (byte) 0xF6;
        return this;
    }

    /** Writes a 64-bit float (DAG-CBOR allows no other width). */
    public CborWriter writeDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinities are not allowed in DAG-CBOR");
        }
        ensure(9);
        buf[size++] = (byte) 0xFB;
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (bits >>> shift);
        }
        return this;
    }

    /** Appends already-encoded CBOR. */
    public CborWriter writeRaw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, size, encoded.length);
        size += encoded.length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
