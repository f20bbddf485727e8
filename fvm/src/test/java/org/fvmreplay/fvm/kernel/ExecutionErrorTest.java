package org.fvmreplay.fvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.fvmreplay.fvm.callmanager.Abort;
import org.junit.jupiter.api.Test;

class ExecutionErrorTest {
    /** A fatal error is re-wrapped at every call level (abort, then execution error); its text must not double each time. */
    @Test
    void nestedFatalErrorsKeepOneCopyOfTheMessage() {
        String text = "syscall crypto::verify_post failed";
        ExecutionError error = ExecutionError.fatal(text);
        for (int level = 0; level < 3; level++) {
            Abort abort = Abort.fatal(error.getMessage(), error);
            error = ExecutionError.fatal(abort.getMessage(), abort.getCause());
        }
        assertThat(error.getMessage()).isEqualTo(text);
        assertThat(error.kind()).isEqualTo(ExecutionError.Kind.FATAL);
    }

    @Test
    void aCauseWithNewInformationIsStillAppended() {
        ExecutionError error = ExecutionError.fatal("cannot load actor code", new IOException("disk full"));
        assertThat(error.getMessage()).isEqualTo("cannot load actor code: java.io.IOException: disk full");
    }
}
