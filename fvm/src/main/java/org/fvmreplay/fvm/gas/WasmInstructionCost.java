package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

/** The price of one WebAssembly instruction in milligas, as the reference's {@code InstructionCost} (or a rejection). */
public sealed interface WasmInstructionCost
        permits WasmInstructionCost.Fixed, WasmInstructionCost.Linear, WasmInstructionCost.Unsupported {
    /** A fixed charge per execution. */
    record Fixed(long milligas) implements WasmInstructionCost {}

    /** {@code baseMilligas + unitMilligas * n} where n is the instruction's i32 stack-top operand; unitMilligas fits a u32. */
    record Linear(long baseMilligas, long unitMilligas) implements WasmInstructionCost {}

    /** The instruction is not allowed in actor code. */
    record Unsupported(String reason) implements WasmInstructionCost {
        public Unsupported {
            requireNonNull(reason, "reason is null");
        }
    }
}
