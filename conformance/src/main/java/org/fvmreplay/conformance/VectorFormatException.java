package org.fvmreplay.conformance;

import java.nio.file.Path;

/** A vector file that cannot be read: not JSON, a missing or ill-typed field, a bad CAR payload. */
public final class VectorFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VectorFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public VectorFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
