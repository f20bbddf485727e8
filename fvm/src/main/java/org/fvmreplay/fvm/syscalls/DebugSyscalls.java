package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;

import org.fvmreplay.fvm.kernel.DebugOps;
import org.fvmreplay.fvm.kernel.GasOps;

/** The {@code debug} syscalls: logs and artifacts, kept only in debug mode ({@link DebugOps}). */
final class DebugSyscalls {
    private DebugSyscalls() {}

    static <K extends GasOps & DebugOps> void bind(SyscallBinder<K> b) {
        // no kernel enables debug mode, in which alone the reference reads the message or artifact: nothing to do
        b.bind("debug", "log", "ii", 0, (inv, k, a) -> null);
        b.bind("debug", "enabled", "", 4, (inv, k, a) -> u32(k.debugEnabled() ? 0 : -1));
        b.bind("debug", "store_artifact", "iiii", 0, (inv, k, a) -> null);
    }
}
