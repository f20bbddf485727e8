package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.instrument.gas.GasRules;
import org.fvmreplay.fvm.wasm.instrument.gas.InstructionCost;

/** Test rules easy to compute by hand: 1 per instruction; memory.grow 1 + 100 per page; memory.fill/copy 1 + 2 per byte. */
final class CountingRules implements GasRules {
    static final int GROW_PAGE_COST = 100;
    static final int BYTE_COST = 2;

    @Override
    public InstructionCost instructionCost(Instruction instruction) {
        return switch (instruction.opcode()) {
            case MEMORY_GROW -> new InstructionCost.Linear(1, GROW_PAGE_COST);
            case MEMORY_FILL, MEMORY_COPY -> new InstructionCost.Linear(1, BYTE_COST);
            default -> new InstructionCost.Fixed(1);
        };
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
