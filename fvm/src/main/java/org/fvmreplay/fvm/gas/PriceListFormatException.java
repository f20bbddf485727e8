package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

/** A price list or override file that cannot be used: names the file, the entry (when there is one) and what was expected. */
public final class PriceListFormatException extends RuntimeException {
    private final String source;

    public PriceListFormatException(String source, String message) {
        super(requireNonNull(source, "source is null") + ": " + requireNonNull(message, "message is null"));
        this.source = source;
    }

    public PriceListFormatException(String source, String message, Throwable cause) {
        super(requireNonNull(source, "source is null") + ": " + requireNonNull(message, "message is null"), cause);
        this.source = source;
    }

    /** The file (path or resource name) at fault. */
    public String source() {
        return source;
    }
}
