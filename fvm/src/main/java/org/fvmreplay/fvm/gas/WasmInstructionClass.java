package org.fvmreplay.fvm.gas;

/**
 * The groups into which the reference's {@code Rules for WasmGasPrices} sorts WebAssembly instructions; an instrumentation
 * rule maps each opcode to one of these and asks {@link WasmGasPrices#cost} for its price.
 */
public enum WasmInstructionClass {
    /** nop, block, loop, unreachable, return, else, end, drop: free under FIP-0032. */
    FREE,
    /** br. */
    JUMP_UNCONDITIONAL,
    /** br_if, if. */
    JUMP_CONDITIONAL,
    /** br_table. */
    JUMP_INDIRECT,
    /** call. */
    CALL,
    /** call_indirect. */
    CALL_INDIRECT,
    /** Constants, locals, globals, select, wrap/extend-u/reinterpret casts, data.drop, elem.drop, memory.size, table.size. */
    DEFAULT,
    /** Integer and float arithmetic, comparison, bitwise, sign extension and conversions (including sqrt). */
    MATH,
    /** Memory loads and table.get. */
    LOAD,
    /** Memory stores and table.set. */
    STORE,
    /** table.init, table.copy: linear in elements. */
    TABLE_COPY,
    /** table.fill, table.grow: linear in elements. */
    TABLE_FILL,
    /** memory.grow: linear in pages. */
    MEMORY_GROW,
    /** memory.fill: linear in bytes. */
    MEMORY_FILL,
    /** memory.init, memory.copy: linear in bytes. */
    MEMORY_COPY,
    /** Exception handling, tail calls, reference types, atomics and SIMD: rejected by FVM v3. */
    UNSUPPORTED
}
