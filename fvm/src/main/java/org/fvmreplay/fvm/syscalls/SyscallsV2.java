package org.fvmreplay.fvm.syscalls;

import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.kernel.KernelV2;

/**
 * The FVM v2 linker (ref-fvm {@code release/v2}, {@code fvm/src/syscalls}, network versions 16-17) as the v3 linker
 * less what v3 added (message and network contexts, tipset CIDs, delegated addresses, balances of others, events,
 * {@code gas::available}) and with what v3 renamed or changed bound as v2 had it: {@code vm::abort},
 * {@code vm::context}, {@code network::base_fee}, {@code actor::new_actor_address}, two-argument
 * {@code actor::create_actor}, six-argument {@code send::send}, and {@code crypto::verify_seal}. The gas glue is v3's.
 */
public final class SyscallsV2 {

    private SyscallsV2() {}

    /** The host functions for an invocation whose kernel is a {@link KernelV2}. */
    public static HostFunctions hostFunctions(Invocation<Kernel> invocation) {
        return Syscalls.derive(invocation, KernelV2.class, SyscallsV2::rebind);
    }

    /** What v2 lacks of the v3 linker, and what it binds differently, by namespace. */
    private static void rebind(SyscallBinder<KernelV2> b) {
        VmSyscalls.rebindV2(b);
        NetworkSyscalls.rebindV2(b);
        ActorSyscalls.rebindV2(b);
        EventSyscalls.rebindV2(b);
        GasSyscalls.rebindV2(b);
        CryptoSyscalls.rebindV2(b);
        SendSyscalls.rebindV2(b);
    }
}
