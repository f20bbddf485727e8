package org.fvmreplay.fvm.syscalls;

import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.kernel.KernelV4;

/**
 * The FVM v4 linker as the FVM v3 linker plus what v4 changed (ref-fvm {@code master}, {@code fvm/src/syscalls}):
 * {@code rand::*} take only an epoch and return the digest (FIP-0075), {@code self::self_destruct} takes a burn flag
 * (FIP-0073), {@code event::emit_event} takes entry headers, keys and values (FIP-0072), and
 * {@code crypto::verify_bls_aggregate} is new (FIP-0079). The gas glue is the v3 one: the syscall overhead is the price
 * list's host call cost.
 */
public final class SyscallsV4 {
    private SyscallsV4() {}

    /** The host functions for an invocation whose kernel is a {@link KernelV4}. */
    public static HostFunctions hostFunctions(Invocation<Kernel> invocation) {
        return Syscalls.derive(invocation, KernelV4.class, SyscallsV4::rebind);
    }

    /** What v4 changed in the v3 linker, by namespace. */
    private static void rebind(SyscallBinder<KernelV4> b) {
        RandSyscalls.rebindV4(b);
        SelfSyscalls.rebindV4(b);
        EventSyscalls.rebindV4(b);
        CryptoSyscalls.rebindV4(b);
    }
}
