package org.fvmreplay.fvm.syscalls;

import java.util.function.Consumer;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.kernel.Kernel;

/**
 * The FVM v3 linker: the syscalls of every namespace ({@link VmSyscalls}, {@link NetworkSyscalls}, {@link IpldSyscalls},
 * {@link SelfSyscalls}, {@link ActorSyscalls}, {@link CryptoSyscalls}, {@link EventSyscalls}, {@link RandSyscalls},
 * {@link GasSyscalls}, {@link SendSyscalls}, {@link DebugSyscalls}) bound for one invocation. Every syscall first charges
 * the wasm gas used so far and the syscall overhead, then runs, then hands the remaining gas back to the wasm counter
 * (the reference's {@code bind_syscalls}, {@link SyscallBinder}). Results are written little-endian at the caller's
 * return pointer; errors come back as error numbers.
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
    static <K extends Kernel> HostFunctions derive(
            Invocation<Kernel> invocation, Class<K> kernelType, Consumer<SyscallBinder<K>> changes) {
        if (!kernelType.isInstance(invocation.kernel())) {
            throw new IllegalArgumentException("these syscalls need a " + kernelType.getSimpleName() + ", got "
                    + invocation.kernel().getClass().getSimpleName());
        }
        // checked just above: the invocation's kernel, which never changes, is a K
        @SuppressWarnings("unchecked")
        Invocation<K> typed = (Invocation<K>) (Invocation<?>) invocation;
        SyscallBinder<K> b = new SyscallBinder<>(typed);
        bind(b);
        changes.accept(b);
        return HostFunctions.of(b.functions());
    }

    /** Binds the FVM v3 syscalls, namespace by namespace; a later generation binds these first and then rebinds what it changes. */
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
