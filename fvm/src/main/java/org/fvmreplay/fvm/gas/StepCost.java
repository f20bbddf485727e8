package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A step function of a unit count, as the reference's {@code StepCost}: zero below the first step. */
public record StepCost(List<Step> steps) {
    public StepCost {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        // both reference lookups assume ascending starts (v2 stops at the first larger start, v3 takes the last smaller
        // one);
        // they agree only on sorted steps, so we require them
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).start() <= steps.get(i - 1).start()) {
                throw new IllegalArgumentException("step starts must be strictly increasing, but step " + i
                        + " starts at " + steps.get(i).start() + " after "
                        + steps.get(i - 1).start());
            }
        }
    }

    /** Cost of the last step starting at or before {@code units}, or zero when there is none. */
    public long lookup(long units) {
        long cost = 0;
        for (Step step : steps) {
            if (step.start() > units) {
                break;
            }
            cost = step.costMilligas();
        }
        return cost;
    }
}
