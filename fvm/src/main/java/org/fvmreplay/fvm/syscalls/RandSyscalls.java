package org.fvmreplay.fvm.syscalls;

import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV4;
import org.fvmreplay.fvm.kernel.RandomnessOps;

/** The {@code rand} syscalls: chain and beacon randomness ({@link RandomnessOps}). */
final class RandSyscalls {
    private RandSyscalls() {}

    /** FVM v3 (and v2): personalization, epoch and entropy in, the drawn randomness out. */
    static <K extends GasOps & RandomnessOps> void bind(SyscallBinder<K> b) {
        b.bind(
                "rand",
                "get_chain_randomness",
                "IIii",
                32,
                (inv, k, a) -> k.chainRandomness(a[0], a[1], inv.read(a[2], a[3])));
        b.bind(
                "rand",
                "get_beacon_randomness",
                "IIii",
                32,
                (inv, k, a) -> k.beaconRandomness(a[0], a[1], inv.read(a[2], a[3])));
    }

    /** FVM v4 takes only an epoch and returns the digest (FIP-0075). */
    static void rebindV4(SyscallBinder<KernelV4> b) {
        b.bind("rand", "get_chain_randomness", "I", 32, (inv, k, a) -> k.chainRandomness(a[0]));
        b.bind("rand", "get_beacon_randomness", "I", 32, (inv, k, a) -> k.beaconRandomness(a[0]));
    }
}
