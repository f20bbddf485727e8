package org.fvmreplay.fvm.gas;

/** One step of a {@link StepCost}: from {@code start} units on (until the next step), the cost is {@code costMilligas}. */
public record Step(long start, long costMilligas) {}
