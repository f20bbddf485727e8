package org.fvmreplay.fvm.wasm.instrument.gas;

/** An instruction whose linear cost is charged at run time from its i32 stack-top argument. */
public record DynamicCharge(int position, int unitCost) {}
