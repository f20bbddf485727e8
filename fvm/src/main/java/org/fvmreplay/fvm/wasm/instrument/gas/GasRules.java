package org.fvmreplay.fvm.wasm.instrument.gas;

import org.fvmreplay.fvm.wasm.binary.Instruction;

/** Per-instruction gas prices used by the metering injection (the FVM's price list implements this per network version). */
public interface GasRules {
    /** Cost of {@code instruction}; throw {@link org.fvmreplay.fvm.wasm.instrument.InstrumentationException} to forbid it. */
    InstructionCost instructionCost(Instruction instruction);

    /** Cost added to every injected call of the gas charging function. */
    long gasChargeCost();

    /** Extra cost of computing a linear charge at run time (added with {@link #gasChargeCost()} to dynamic charges). */
    long linearCalcCost();
}
