package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

/**
 * An import stopped: names the snapshot file, the byte offset where the problem was found
 * (decompressed CAR stream), and what to do. The store stays consistent: every block up to the
 * last checkpoint is durable, and rerunning the same import continues from there.
 */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long offset;

    public ImportException(String file, long offset, String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.file = requireNonNull(file, "file");
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
