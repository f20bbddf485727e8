package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One decoded instruction. Immediates by {@link ImmediateKind}: INDEX/I32/I64/F32 bits/F64 bits/REF_TYPE/BLOCK_TYPE (s33) in
 * {@code first}; INDEX_PAIR and MEMARG (align, offset) in {@code first, second}; BR_TABLE labels in {@code labels} with the
 * default in {@code first}; SELECT_TYPES value type codes in {@code labels}.
 */
public record Instruction(Opcode opcode, long first, long second, List<Integer> labels) {
    /** Block type immediate of a block without parameters or results. */
    public static final long EMPTY_BLOCK_TYPE = -64;

    public Instruction {
        requireNonNull(opcode, "opcode is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
    }

    public static Instruction of(Opcode opcode) {
        return new Instruction(opcode, 0, 0, List.of());
    }

    public static Instruction of(Opcode opcode, long first) {
        return new Instruction(opcode, first, 0, List.of());
    }

    public static Instruction of(Opcode opcode, long first, long second) {
        return new Instruction(opcode, first, second, List.of());
    }

    public static Instruction i32Const(int value) {
        return of(Opcode.I32_CONST, value);
    }

    public static Instruction i64Const(long value) {
        return of(Opcode.I64_CONST, value);
    }

    public static Instruction call(int functionIndex) {
        return of(Opcode.CALL, Integer.toUnsignedLong(functionIndex));
    }

    /** First immediate as a u32 index. */
    public int index() {
        return (int) first;
    }

    /** True when this block/loop/if declares neither parameters nor results. */
    public boolean isEmptyBlockType() {
        return first == EMPTY_BLOCK_TYPE;
    }

    /** True when this block/loop/if refers to a function type by index (multi-value). */
    public boolean isTypeIndexBlockType() {
        return first >= 0;
    }

    @Override
    public String toString() {
        return switch (opcode.immediates()) {
            case NONE -> opcode.mnemonic();
            case INDEX_PAIR, MEMARG -> opcode.mnemonic() + " " + first + " " + second;
            case BR_TABLE -> opcode.mnemonic() + " " + labels + " " + first;
            case SELECT_TYPES -> opcode.mnemonic() + " " + labels;
            default -> opcode.mnemonic() + " " + first;
        };
    }
}
