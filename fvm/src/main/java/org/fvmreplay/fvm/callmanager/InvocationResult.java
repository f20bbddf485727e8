package org.fvmreplay.fvm.callmanager;

import java.util.Optional;
import org.fvmreplay.fvm.kernel.Block;

/** The outcome of a send that ran: exit code and optional return block. */
public record InvocationResult(int exitCode, Optional<Block> value) {
    public static final InvocationResult OK_EMPTY = new InvocationResult(0, Optional.empty());
}
