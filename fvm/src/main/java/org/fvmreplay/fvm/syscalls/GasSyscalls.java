package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.u64;

import org.fvmreplay.fvm.kernel.GasOps;

/** The {@code gas} syscalls: explicit charges and the gas left ({@link GasOps}). */
final class GasSyscalls {
    private GasSyscalls() {}

    /** FVM v3. */
    static <K extends GasOps> void bind(SyscallBinder<K> b) {
        b.bind("gas", "charge", "iiI", 0, (inv, k, a) -> {
            byte[] name = inv.read(a[0], a[1]);
            k.chargeGas(
                    new String(name, java.nio.charset.StandardCharsets.UTF_8),
                    org.fvmreplay.fvm.kernel.GasTracker.gasToMilligas(a[2]));
            return null;
        });
        b.bind("gas", "available", "", 8, (inv, k, a) -> u64(k.gasTracker().available() / 1000));
    }

    /** FVM v2 has no {@code available} (v3 added it). */
    static void rebindV2(SyscallBinder<?> b) {
        b.unbind("gas", "available");
    }
}
