package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

/** A CAR file (or bundle archive) that cannot be read: names the source, the byte offset and what was wrong. */
public final class CarFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;

    public CarFormatException(String source, long offset, String problem) {
        this(source, offset, problem, null);
    }

    public CarFormatException(String source, long offset, String problem, Throwable cause) {
        super(
                requireNonNull(source, "source") + ": " + requireNonNull(problem, "problem") + " (at byte " + offset
                        + ")",
                cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file or stream name given to the reader. */
    public String source() {
        return source;
    }

    /**
     * Where the problem was found: a byte offset in the decompressed CAR stream (the file itself
     * when it is not compressed).
     */
    public long offset() {
        return offset;
    }
}
