package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.tokenAmount;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;

import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV4;
import org.fvmreplay.fvm.kernel.SelfOps;

/** The {@code self} syscalls: the running actor's state root, balance and self-destruction ({@link SelfOps}). */
final class SelfSyscalls {
    private SelfSyscalls() {}

    /** FVM v3 (and v2): {@code self_destruct} names a beneficiary. */
    static <K extends GasOps & SelfOps> void bind(SyscallBinder<K> b) {
        b.bind("self", "root", "ii", 4, (inv, k, a) -> {
            inv.checkBounds(a[0], a[1]);
            return u32(inv.writeCid(k.root(), a[0], a[1]));
        });
        b.bind("self", "set_root", "i", 0, (inv, k, a) -> {
            k.setRoot(inv.readCid(a[0]));
            return null;
        });
        b.bind("self", "current_balance", "", 16, (inv, k, a) -> tokenAmount(k.currentBalance()));
        b.bind("self", "self_destruct", "ii", 0, (inv, k, a) -> {
            k.selfDestruct(inv.readAddress(a[0], a[1]));
            return null;
        });
    }

    /** FVM v4's {@code self_destruct} takes a burn flag instead (FIP-0073). */
    static void rebindV4(SyscallBinder<KernelV4> b) {
        b.bind("self", "self_destruct", "i", 0, (inv, k, a) -> {
            k.selfDestruct(a[0] != 0);
            return null;
        });
    }
}
