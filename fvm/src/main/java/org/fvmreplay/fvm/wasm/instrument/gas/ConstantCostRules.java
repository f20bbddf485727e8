package org.fvmreplay.fvm.wasm.instrument.gas;

import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;

/** The reference's test rules: every instruction costs the same; memory.grow is linear per page when a page cost is given. */
public final class ConstantCostRules implements GasRules {
    private final long instructionCost;
    private final int memoryGrowCost;

    public ConstantCostRules(long instructionCost, int memoryGrowCost) {
        this.instructionCost = instructionCost;
        this.memoryGrowCost = memoryGrowCost;
    }

    /** Reference default: cost 1 per instruction, memory.grow not metered per page. */
    public static ConstantCostRules defaults() {
        return new ConstantCostRules(1, 0);
    }

    @Override
    public InstructionCost instructionCost(Instruction instruction) {
        if (instruction.opcode() == Opcode.MEMORY_GROW) {
            return memoryGrowCost == 0 ? new InstructionCost.Fixed(1) : new InstructionCost.Linear(1, memoryGrowCost);
        }
        return new InstructionCost.Fixed(instructionCost);
    }

    @Override
    public long gasChargeCost() {
        return 0;
    }

    @Override
    public long linearCalcCost() {
        return 0;
    }
}
