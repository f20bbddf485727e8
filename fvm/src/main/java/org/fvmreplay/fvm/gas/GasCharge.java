package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

/**
 * One gas charge as the reference's {@code GasCharge}: a name that appears verbatim in execution traces, a compute part and
 * an "other" part (storage, memory retention, deferred compute; called {@code storage_gas} in FVM v2), both in milligas.
 */
public record GasCharge(String name, long computeMilligas, long otherMilligas) {
    public GasCharge {
        requireNonNull(name, "name is null");
    }

    /** Compute plus other milligas, saturating like the reference's {@code Gas} addition. */
    public long totalMilligas() {
        return GasMath.add(computeMilligas, otherMilligas);
    }
}
