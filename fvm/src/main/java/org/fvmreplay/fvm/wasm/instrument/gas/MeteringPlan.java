package org.fvmreplay.fvm.wasm.instrument.gas;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Where to insert charges in one function: metered blocks sorted by start and dynamic charges in order. */
public record MeteringPlan(List<MeteredBlock> blocks, List<DynamicCharge> dynamicCharges) {
    public MeteringPlan {
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
        dynamicCharges = List.copyOf(requireNonNull(dynamicCharges, "dynamicCharges is null"));
    }
}
