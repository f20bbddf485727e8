package org.fvmreplay.fvm.syscalls;

import org.fvmreplay.fvm.callmanager.Abort;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.fvm.kernel.MessageOps;

/** The {@code vm} syscalls: ending the invocation, and the message context ({@link MessageOps}). */
final class VmSyscalls {
    private VmSyscalls() {}

    /** FVM v3: {@code exit} with a return block, {@code message_context}. */
    static <K extends GasOps & MessageOps> void bind(SyscallBinder<K> b) {
        b.bind("vm", "exit", "iiii", 0, (inv, k, a) -> {
            int code = (int) a[0];
            if (code != 0 && Integer.compareUnsigned(code, ExitCodes.FIRST_USER_EXIT_CODE) < 0) {
                throw Abort.exit(ExitCodes.SYS_ILLEGAL_EXIT_CODE, "actor aborted with code " + code, (int) a[1]);
            }
            throw Abort.exit(code, "actor aborted", (int) a[1]);
        });
        b.bind("vm", "message_context", "", 80, (inv, k, a) -> k.messageContext());
    }

    /** FVM v2 has {@code abort} and the invocation {@code context} where v3 has {@code exit} and {@code message_context}. */
    static void rebindV2(SyscallBinder<KernelV2> b) {
        b.unbind("vm", "exit", "message_context");
        b.bind("vm", "abort", "iii", 0, (inv, k, a) -> {
            long code = a[0];
            // v2 refuses every system exit code, success included, and an abort carries no return block
            if (code < ExitCodes.FIRST_USER_EXIT_CODE) {
                throw Abort.exit(ExitCodes.SYS_ILLEGAL_EXIT_CODE, "actor aborted with code " + code, 0);
            }
            throw Abort.exit((int) code, "actor aborted", 0);
        });
        b.bind("vm", "context", "", 52, (inv, k, a) -> k.invocationContext());
    }
}
