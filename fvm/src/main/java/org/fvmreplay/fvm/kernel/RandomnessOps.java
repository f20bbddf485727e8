package org.fvmreplay.fvm.kernel;

/** Chain and beacon randomness (ref-fvm's {@code RandomnessOps}; FVM v4's take only an epoch, {@link KernelV4}). */
public interface RandomnessOps {
    byte[] chainRandomness(long personalization, long epoch, byte[] entropy);

    byte[] beaconRandomness(long personalization, long epoch, byte[] entropy);
}
