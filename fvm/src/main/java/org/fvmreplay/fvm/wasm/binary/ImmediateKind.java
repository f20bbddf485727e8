package org.fvmreplay.fvm.wasm.binary;

/** Shape of an instruction's immediate operands in the binary format. */
public enum ImmediateKind {
    NONE,
    /** Block type: empty, a value type or a type index (s33). */
    BLOCK_TYPE,
    /** One u32 index (label, function, local, global, table, memory, data, element). */
    INDEX,
    /** Two u32 indices (call_indirect type+table, memory.init data+memory, memory.copy, table.init, table.copy). */
    INDEX_PAIR,
    /** Alignment and offset. */
    MEMARG,
    I32,
    I64,
    F32,
    F64,
    BR_TABLE,
    /** Vector of value types (typed select). */
    SELECT_TYPES,
    /** Reference type byte (ref.null). */
    REF_TYPE
}
