package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

/**
 * Execution gas prices of WebAssembly instructions (the reference's {@code WasmGasPrices}), all in milligas. FVM v2 has a
 * single {@code exec_instruction_cost}; FVM v3 prices instruction groups separately and makes bulk memory operations linear,
 * and FVM v4 keeps v3's rules unchanged (its extra {@code host_call_cost} is a syscall charge, see
 * {@link PriceList#onSyscall()}). Fields a generation does not have are zero.
 */
public record WasmGasPrices(
        FvmGeneration generation,
        long execInstructionCost,
        long instructionDefault,
        long mathDefault,
        long jumpUnconditional,
        long jumpConditional,
        long jumpIndirect,
        long call,
        long memoryFillBaseCost,
        long memoryFillPerByteCost,
        long memoryAccessCost,
        long memoryCopyPerByteCost) {
    /** Each table element reserves a pointer in wasmtime, so table operations are charged 8 bytes per element. */
    public static final long TABLE_ELEMENT_SIZE = 8;
    /** memory.grow counts 64 KiB pages. */
    public static final long WASM_PAGE_SIZE = 65536;

    private static final long U32_MAX = 0xFFFF_FFFFL;

    public WasmGasPrices {
        requireNonNull(generation, "generation is null");
    }

    /** Cost added to every call of the injected gas charging function: zero in every generation. */
    public long gasChargeCost() {
        return 0;
    }

    /** Extra cost of computing a linear charge at run time: zero in every generation. */
    public long linearCalcCost() {
        return 0;
    }

    /** The price of an instruction of the given class. */
    public WasmInstructionCost cost(WasmInstructionClass instructionClass) {
        requireNonNull(instructionClass, "instructionClass is null");
        return generation == FvmGeneration.V2 ? v2Cost(instructionClass) : v3Cost(instructionClass);
    }

    private WasmInstructionCost v2Cost(WasmInstructionClass instructionClass) {
        // v2 prices every non-free instruction alike and leaves memory.grow unmetered per page; it rejects nothing
        // itself
        if (execInstructionCost == 0 || instructionClass == WasmInstructionClass.FREE) {
            return new WasmInstructionCost.Fixed(0);
        }
        return new WasmInstructionCost.Fixed(execInstructionCost);
    }

    private WasmInstructionCost v3Cost(WasmInstructionClass instructionClass) {
        return switch (instructionClass) {
            case FREE -> new WasmInstructionCost.Fixed(0);
            case JUMP_UNCONDITIONAL -> new WasmInstructionCost.Fixed(jumpUnconditional);
            case JUMP_CONDITIONAL -> new WasmInstructionCost.Fixed(jumpConditional);
            case JUMP_INDIRECT -> new WasmInstructionCost.Fixed(GasMath.add(jumpIndirect, memoryAccessCost));
            case CALL -> new WasmInstructionCost.Fixed(GasMath.add(jumpUnconditional, call));
            case CALL_INDIRECT ->
                new WasmInstructionCost.Fixed(GasMath.add(GasMath.add(jumpIndirect, memoryAccessCost), call));
            case DEFAULT -> new WasmInstructionCost.Fixed(instructionDefault);
            case MATH -> new WasmInstructionCost.Fixed(mathDefault);
            case LOAD -> new WasmInstructionCost.Fixed(GasMath.add(instructionDefault, memoryAccessCost));
            case STORE -> new WasmInstructionCost.Fixed(GasMath.add(instructionDefault, memoryFillBaseCost));
            case TABLE_COPY ->
                linear(GasMath.add(instructionDefault, memoryAccessCost), memoryCopyPerByteCost, TABLE_ELEMENT_SIZE);
            case TABLE_FILL ->
                linear(GasMath.add(instructionDefault, memoryFillBaseCost), memoryFillPerByteCost, TABLE_ELEMENT_SIZE);
            case MEMORY_GROW ->
                linear(GasMath.add(instructionDefault, memoryFillBaseCost), memoryFillPerByteCost, WASM_PAGE_SIZE);
            case MEMORY_FILL -> linear(GasMath.add(instructionDefault, memoryFillBaseCost), memoryFillPerByteCost, 1);
            case MEMORY_COPY -> linear(GasMath.add(instructionDefault, memoryAccessCost), memoryCopyPerByteCost, 1);
            case UNSUPPORTED -> new WasmInstructionCost.Unsupported("unsupported operation");
        };
    }

    private static WasmInstructionCost linear(long base, long perUnit, long unitMultiplier) {
        long unitCost = GasMath.multiply(perUnit, unitMultiplier);
        if (unitCost > U32_MAX) {
            // the reference fails instrumentation in this case ("linear gas exceeds u32")
            return new WasmInstructionCost.Unsupported("linear gas exceeds u32: " + unitCost + " milligas per unit");
        }
        return unitCost == 0 ? new WasmInstructionCost.Fixed(base) : new WasmInstructionCost.Linear(base, unitCost);
    }
}
