package org.fvmreplay.fvm.wasm.instrument.gas;

/** Cost of one instruction: a fixed amount, or a base plus a per-unit amount times the instruction's i32 stack-top argument. */
public sealed interface InstructionCost permits InstructionCost.Fixed, InstructionCost.Linear {
    /** Fixed cost per execution. */
    record Fixed(long cost) implements InstructionCost {}

    /** {@code base + unitCost * argument}; {@code unitCost} must be in 1..0x7fffffff as in the reference. */
    record Linear(long base, int unitCost) implements InstructionCost {
        public Linear {
            if (unitCost == 0) {
                throw new IllegalArgumentException("unitCost must be non-zero");
            }
        }
    }

    static InstructionCost fixed(long cost) {
        return new Fixed(cost);
    }
}
