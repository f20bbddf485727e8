package org.fvmreplay.analytics.output;

import java.io.IOException;

/** An output folder that cannot be used for this run: another run's, or not a run folder at all. Nothing was written. */
public final class OutputFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputFolderException(String message) {
        super(message);
    }
}
