package org.fvmreplay.ipld.car;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.fvmreplay.ipld.cid.Varint;

/** A byte stream that knows its position, and turns every way of running out of data into a {@link CarFormatException}. */
final class CountingInput {
    private final InputStream in;
    private final String source;
    private final boolean decompressing;
    private long position;

    CountingInput(InputStream in, String source, boolean decompressing) {
        this.in = in;
        this.source = source;
        this.decompressing = decompressing;
    }

    long position() {
        return position;
    }

    CarFormatException fail(long offset, String problem) {
        return new CarFormatException(
                source, offset, problem + (decompressing ? " [offset in the decompressed stream]" : ""));
    }

    /** Up to {@code n} next bytes without consuming them (fewer at the end). Needs a mark-supporting stream. */
    byte[] peek(int n) {
        try {
            in.mark(n);
            byte[] out = in.readNBytes(n);
            in.reset();
            return out;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** The next byte, or -1 at the end. */
    int read() {
        try {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Reads exactly {@code n} bytes. Memory grows with the bytes actually present, not with
     * {@code n}, so a lying length on a short input costs nothing.
     */
    byte[] readExactly(int n, String what) {
        long start = position;
        byte[] out;
        try {
            out = in.readNBytes(n);
        } catch (IOException e) {
            throw translate(e);
        }
        position += out.length;
        if (out.length != n) {
            throw fail(
                    start, "truncated " + what + ": expected " + n + " bytes but the input ends after " + out.length);
        }
        return out;
    }

    void skipExactly(long n, String what) {
        long start = position;
        long left = n;
        try {
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    skipped = 1;
                }
                left -= skipped;
                position += skipped;
            }
        } catch (IOException e) {
            throw translate(e);
        }
        if (left > 0) {
            throw fail(
                    start, "truncated " + what + ": expected " + n + " bytes but the input ends after " + (n - left));
        }
    }

    /** A strict multiformats varint, or -1 if the input ends before its first byte. */
    long readVarint(String what) {
        long start = position;
        long value = 0;
        for (int i = 0; i < Varint.MAX_BYTES; i++) {
            int b = read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw fail(start, "truncated varint (" + what + ")");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw fail(start, "non-minimal varint (" + what + ")");
                }
                return value;
            }
        }
        throw fail(start, "varint overflow: " + what + " runs past " + Varint.MAX_BYTES + " bytes");
    }

    private RuntimeException translate(IOException e) {
        if (decompressing) {
            // zstd-jni reports corrupt and truncated frames as IOExceptions
            return new CarFormatException(
                    source,
                    position,
                    "zstd decompression failed: " + e.getMessage() + " [offset in the decompressed stream]",
                    e);
        }
        return new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }

    void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source, e);
        }
    }
}
