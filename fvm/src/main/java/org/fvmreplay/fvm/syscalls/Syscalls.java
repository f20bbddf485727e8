package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.le;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.tokenAmount;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u64;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.callmanager.Abort;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The FVM v3 syscalls bound for one invocation. Every syscall first charges the wasm gas used so far and the syscall
 * overhead, then runs, then hands the remaining gas back to the wasm counter (the reference's {@code bind_syscalls}).
 * Results are written little-endian at the caller's return pointer; errors come back as error numbers.
 */
public final class Syscalls {
    private Syscalls() {}

    public static HostFunctions hostFunctions(Invocation<Kernel> invocation) {
        return derive(invocation, Kernel.class, b -> {});
    }

    /**
     * Another generation's linker as the v3 one and its {@code changes} (binding a name again replaces it, unbinding
     * removes it), for an invocation whose kernel is a {@code kernelType}.
     */
    static <K extends Kernel> HostFunctions derive(Invocation<Kernel> invocation, Class<K> kernelType, Consumer<SyscallBinder<K>> changes) {
        if (!kernelType.isInstance(invocation.kernel())) {
            throw new IllegalArgumentException("these syscalls need a " + kernelType.getSimpleName() + ", got " + invocation.kernel().getClass().getSimpleName());
        }
        // checked just above: the invocation's kernel, which never changes, is a K
        @SuppressWarnings("unchecked")
        Invocation<K> typed = (Invocation<K>) (Invocation<?>) invocation;
        SyscallBinder<K> b = new SyscallBinder<>(typed);
        bind(b);
        changes.accept(b);
        return HostFunctions.of(b.functions());
    }

    /** Binds the FVM v3 syscalls; a later generation binds these first and then rebinds what it changes. */
    static <K extends Kernel> void bind(SyscallBinder<K> b) {
        VmSyscalls.bind(b);
        NetworkSyscalls.bind(b);
        IpldSyscalls.bind(b);
        SelfSyscalls.bind(b);
        ActorSyscalls.bind(b);
        CryptoSyscalls.bind(b);
        EventSyscalls.bind(b);
        RandSyscalls.bind(b);
        GasSyscalls.bind(b);
        SendSyscalls.bind(b);
        DebugSyscalls.bind(b);
    }
}
