package org.fvmreplay.fvm.wasm.binary;

import java.util.HashMap;
import java.util.Map;

/** Every WebAssembly instruction the decoder understands: opcode bytes, text mnemonic, immediates, proposal and stack effect. */
public enum Opcode {
    UNREACHABLE(0x00, 0x00, "unreachable", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.CONTROL),
    NOP(0x00, 0x01, "nop", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.NONE),
    BLOCK(0x00, 0x02, "block", ImmediateKind.BLOCK_TYPE, WasmFeature.MVP, StackEffect.CONTROL),
    LOOP(0x00, 0x03, "loop", ImmediateKind.BLOCK_TYPE, WasmFeature.MVP, StackEffect.CONTROL),
    IF(0x00, 0x04, "if", ImmediateKind.BLOCK_TYPE, WasmFeature.MVP, StackEffect.CONTROL),
    ELSE(0x00, 0x05, "else", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.CONTROL),
    END(0x00, 0x0B, "end", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.CONTROL),
    BR(0x00, 0x0C, "br", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.CONTROL),
    BR_IF(0x00, 0x0D, "br_if", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.CONTROL),
    BR_TABLE(0x00, 0x0E, "br_table", ImmediateKind.BR_TABLE, WasmFeature.MVP, StackEffect.CONTROL),
    RETURN(0x00, 0x0F, "return", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.CONTROL),
    CALL(0x00, 0x10, "call", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.CONTROL),
    CALL_INDIRECT(0x00, 0x11, "call_indirect", ImmediateKind.INDEX_PAIR, WasmFeature.MVP, StackEffect.CONTROL),
    RETURN_CALL(0x00, 0x12, "return_call", ImmediateKind.INDEX, WasmFeature.TAIL_CALL, StackEffect.UNSUPPORTED),
    RETURN_CALL_INDIRECT(
            0x00,
            0x13,
            "return_call_indirect",
            ImmediateKind.INDEX_PAIR,
            WasmFeature.TAIL_CALL,
            StackEffect.UNSUPPORTED),
    DROP(0x00, 0x1A, "drop", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.POP),
    SELECT(0x00, 0x1B, "select", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.SELECT),
    SELECT_T(0x00, 0x1C, "select_t", ImmediateKind.SELECT_TYPES, WasmFeature.REFERENCE_TYPES, StackEffect.UNSUPPORTED),
    LOCAL_GET(0x00, 0x20, "local.get", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.PUSH),
    LOCAL_SET(0x00, 0x21, "local.set", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.POP),
    LOCAL_TEE(0x00, 0x22, "local.tee", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.UNARY),
    GLOBAL_GET(0x00, 0x23, "global.get", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.PUSH),
    GLOBAL_SET(0x00, 0x24, "global.set", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.POP),
    TABLE_GET(0x00, 0x25, "table.get", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.UNARY),
    TABLE_SET(0x00, 0x26, "table.set", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.POP2),
    I32_LOAD(0x00, 0x28, "i32.load", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD(0x00, 0x29, "i64.load", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    F32_LOAD(0x00, 0x2A, "f32.load", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    F64_LOAD(0x00, 0x2B, "f64.load", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I32_LOAD8_S(0x00, 0x2C, "i32.load8_s", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I32_LOAD8_U(0x00, 0x2D, "i32.load8_u", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I32_LOAD16_S(0x00, 0x2E, "i32.load16_s", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I32_LOAD16_U(0x00, 0x2F, "i32.load16_u", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD8_S(0x00, 0x30, "i64.load8_s", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD8_U(0x00, 0x31, "i64.load8_u", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD16_S(0x00, 0x32, "i64.load16_s", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD16_U(0x00, 0x33, "i64.load16_u", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD32_S(0x00, 0x34, "i64.load32_s", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I64_LOAD32_U(0x00, 0x35, "i64.load32_u", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.UNARY),
    I32_STORE(0x00, 0x36, "i32.store", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I64_STORE(0x00, 0x37, "i64.store", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    F32_STORE(0x00, 0x38, "f32.store", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    F64_STORE(0x00, 0x39, "f64.store", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I32_STORE8(0x00, 0x3A, "i32.store8", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I32_STORE16(0x00, 0x3B, "i32.store16", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I64_STORE8(0x00, 0x3C, "i64.store8", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I64_STORE16(0x00, 0x3D, "i64.store16", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    I64_STORE32(0x00, 0x3E, "i64.store32", ImmediateKind.MEMARG, WasmFeature.MVP, StackEffect.POP2),
    MEMORY_SIZE(0x00, 0x3F, "memory.size", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.PUSH),
    MEMORY_GROW(0x00, 0x40, "memory.grow", ImmediateKind.INDEX, WasmFeature.MVP, StackEffect.UNARY),
    I32_CONST(0x00, 0x41, "i32.const", ImmediateKind.I32, WasmFeature.MVP, StackEffect.PUSH),
    I64_CONST(0x00, 0x42, "i64.const", ImmediateKind.I64, WasmFeature.MVP, StackEffect.PUSH),
    F32_CONST(0x00, 0x43, "f32.const", ImmediateKind.F32, WasmFeature.MVP, StackEffect.PUSH),
    F64_CONST(0x00, 0x44, "f64.const", ImmediateKind.F64, WasmFeature.MVP, StackEffect.PUSH),
    I32_EQZ(0x00, 0x45, "i32.eqz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_EQ(0x00, 0x46, "i32.eq", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_NE(0x00, 0x47, "i32.ne", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_LT_S(0x00, 0x48, "i32.lt_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_LT_U(0x00, 0x49, "i32.lt_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_GT_S(0x00, 0x4A, "i32.gt_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_GT_U(0x00, 0x4B, "i32.gt_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_LE_S(0x00, 0x4C, "i32.le_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_LE_U(0x00, 0x4D, "i32.le_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_GE_S(0x00, 0x4E, "i32.ge_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_GE_U(0x00, 0x4F, "i32.ge_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_EQZ(0x00, 0x50, "i64.eqz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_EQ(0x00, 0x51, "i64.eq", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_NE(0x00, 0x52, "i64.ne", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_LT_S(0x00, 0x53, "i64.lt_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_LT_U(0x00, 0x54, "i64.lt_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_GT_S(0x00, 0x55, "i64.gt_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_GT_U(0x00, 0x56, "i64.gt_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_LE_S(0x00, 0x57, "i64.le_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_LE_U(0x00, 0x58, "i64.le_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_GE_S(0x00, 0x59, "i64.ge_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_GE_U(0x00, 0x5A, "i64.ge_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_EQ(0x00, 0x5B, "f32.eq", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_NE(0x00, 0x5C, "f32.ne", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_LT(0x00, 0x5D, "f32.lt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_GT(0x00, 0x5E, "f32.gt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_LE(0x00, 0x5F, "f32.le", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_GE(0x00, 0x60, "f32.ge", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_EQ(0x00, 0x61, "f64.eq", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_NE(0x00, 0x62, "f64.ne", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_LT(0x00, 0x63, "f64.lt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_GT(0x00, 0x64, "f64.gt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_LE(0x00, 0x65, "f64.le", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_GE(0x00, 0x66, "f64.ge", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_CLZ(0x00, 0x67, "i32.clz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_CTZ(0x00, 0x68, "i32.ctz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_POPCNT(0x00, 0x69, "i32.popcnt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_ADD(0x00, 0x6A, "i32.add", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_SUB(0x00, 0x6B, "i32.sub", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_MUL(0x00, 0x6C, "i32.mul", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_DIV_S(0x00, 0x6D, "i32.div_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_DIV_U(0x00, 0x6E, "i32.div_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_REM_S(0x00, 0x6F, "i32.rem_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_REM_U(0x00, 0x70, "i32.rem_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_AND(0x00, 0x71, "i32.and", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_OR(0x00, 0x72, "i32.or", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_XOR(0x00, 0x73, "i32.xor", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_SHL(0x00, 0x74, "i32.shl", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_SHR_S(0x00, 0x75, "i32.shr_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_SHR_U(0x00, 0x76, "i32.shr_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_ROTL(0x00, 0x77, "i32.rotl", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_ROTR(0x00, 0x78, "i32.rotr", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_CLZ(0x00, 0x79, "i64.clz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_CTZ(0x00, 0x7A, "i64.ctz", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_POPCNT(0x00, 0x7B, "i64.popcnt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_ADD(0x00, 0x7C, "i64.add", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_SUB(0x00, 0x7D, "i64.sub", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_MUL(0x00, 0x7E, "i64.mul", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_DIV_S(0x00, 0x7F, "i64.div_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_DIV_U(0x00, 0x80, "i64.div_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_REM_S(0x00, 0x81, "i64.rem_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_REM_U(0x00, 0x82, "i64.rem_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_AND(0x00, 0x83, "i64.and", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_OR(0x00, 0x84, "i64.or", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_XOR(0x00, 0x85, "i64.xor", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_SHL(0x00, 0x86, "i64.shl", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_SHR_S(0x00, 0x87, "i64.shr_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_SHR_U(0x00, 0x88, "i64.shr_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_ROTL(0x00, 0x89, "i64.rotl", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I64_ROTR(0x00, 0x8A, "i64.rotr", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_ABS(0x00, 0x8B, "f32.abs", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_NEG(0x00, 0x8C, "f32.neg", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_CEIL(0x00, 0x8D, "f32.ceil", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_FLOOR(0x00, 0x8E, "f32.floor", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_TRUNC(0x00, 0x8F, "f32.trunc", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_NEAREST(0x00, 0x90, "f32.nearest", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_SQRT(0x00, 0x91, "f32.sqrt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_ADD(0x00, 0x92, "f32.add", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_SUB(0x00, 0x93, "f32.sub", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_MUL(0x00, 0x94, "f32.mul", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_DIV(0x00, 0x95, "f32.div", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_MIN(0x00, 0x96, "f32.min", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_MAX(0x00, 0x97, "f32.max", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F32_COPYSIGN(0x00, 0x98, "f32.copysign", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_ABS(0x00, 0x99, "f64.abs", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_NEG(0x00, 0x9A, "f64.neg", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_CEIL(0x00, 0x9B, "f64.ceil", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_FLOOR(0x00, 0x9C, "f64.floor", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_TRUNC(0x00, 0x9D, "f64.trunc", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_NEAREST(0x00, 0x9E, "f64.nearest", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_SQRT(0x00, 0x9F, "f64.sqrt", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_ADD(0x00, 0xA0, "f64.add", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_SUB(0x00, 0xA1, "f64.sub", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_MUL(0x00, 0xA2, "f64.mul", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_DIV(0x00, 0xA3, "f64.div", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_MIN(0x00, 0xA4, "f64.min", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_MAX(0x00, 0xA5, "f64.max", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    F64_COPYSIGN(0x00, 0xA6, "f64.copysign", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.BINARY),
    I32_WRAP_I64(0x00, 0xA7, "i32.wrap_i64", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_TRUNC_F32_S(0x00, 0xA8, "i32.trunc_f32_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_TRUNC_F32_U(0x00, 0xA9, "i32.trunc_f32_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_TRUNC_F64_S(0x00, 0xAA, "i32.trunc_f64_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_TRUNC_F64_U(0x00, 0xAB, "i32.trunc_f64_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_EXTEND_I32_S(0x00, 0xAC, "i64.extend_i32_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_EXTEND_I32_U(0x00, 0xAD, "i64.extend_i32_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_TRUNC_F32_S(0x00, 0xAE, "i64.trunc_f32_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_TRUNC_F32_U(0x00, 0xAF, "i64.trunc_f32_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_TRUNC_F64_S(0x00, 0xB0, "i64.trunc_f64_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_TRUNC_F64_U(0x00, 0xB1, "i64.trunc_f64_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_CONVERT_I32_S(0x00, 0xB2, "f32.convert_i32_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_CONVERT_I32_U(0x00, 0xB3, "f32.convert_i32_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_CONVERT_I64_S(0x00, 0xB4, "f32.convert_i64_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_CONVERT_I64_U(0x00, 0xB5, "f32.convert_i64_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_DEMOTE_F64(0x00, 0xB6, "f32.demote_f64", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_CONVERT_I32_S(0x00, 0xB7, "f64.convert_i32_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_CONVERT_I32_U(0x00, 0xB8, "f64.convert_i32_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_CONVERT_I64_S(0x00, 0xB9, "f64.convert_i64_s", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_CONVERT_I64_U(0x00, 0xBA, "f64.convert_i64_u", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_PROMOTE_F32(0x00, 0xBB, "f64.promote_f32", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_REINTERPRET_F32(0x00, 0xBC, "i32.reinterpret_f32", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I64_REINTERPRET_F64(0x00, 0xBD, "i64.reinterpret_f64", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F32_REINTERPRET_I32(0x00, 0xBE, "f32.reinterpret_i32", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    F64_REINTERPRET_I64(0x00, 0xBF, "f64.reinterpret_i64", ImmediateKind.NONE, WasmFeature.MVP, StackEffect.UNARY),
    I32_EXTEND8_S(0x00, 0xC0, "i32.extend8_s", ImmediateKind.NONE, WasmFeature.SIGN_EXTENSION, StackEffect.UNARY),
    I32_EXTEND16_S(0x00, 0xC1, "i32.extend16_s", ImmediateKind.NONE, WasmFeature.SIGN_EXTENSION, StackEffect.UNARY),
    I64_EXTEND8_S(0x00, 0xC2, "i64.extend8_s", ImmediateKind.NONE, WasmFeature.SIGN_EXTENSION, StackEffect.UNARY),
    I64_EXTEND16_S(0x00, 0xC3, "i64.extend16_s", ImmediateKind.NONE, WasmFeature.SIGN_EXTENSION, StackEffect.UNARY),
    I64_EXTEND32_S(0x00, 0xC4, "i64.extend32_s", ImmediateKind.NONE, WasmFeature.SIGN_EXTENSION, StackEffect.UNARY),
    REF_NULL(0x00, 0xD0, "ref.null", ImmediateKind.REF_TYPE, WasmFeature.REFERENCE_TYPES, StackEffect.UNSUPPORTED),
    REF_IS_NULL(0x00, 0xD1, "ref.is_null", ImmediateKind.NONE, WasmFeature.REFERENCE_TYPES, StackEffect.UNSUPPORTED),
    REF_FUNC(0x00, 0xD2, "ref.func", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.UNSUPPORTED),
    I32_TRUNC_SAT_F32_S(
            0xFC,
            0x00,
            "i32.trunc_sat_f32_s",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I32_TRUNC_SAT_F32_U(
            0xFC,
            0x01,
            "i32.trunc_sat_f32_u",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I32_TRUNC_SAT_F64_S(
            0xFC,
            0x02,
            "i32.trunc_sat_f64_s",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I32_TRUNC_SAT_F64_U(
            0xFC,
            0x03,
            "i32.trunc_sat_f64_u",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I64_TRUNC_SAT_F32_S(
            0xFC,
            0x04,
            "i64.trunc_sat_f32_s",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I64_TRUNC_SAT_F32_U(
            0xFC,
            0x05,
            "i64.trunc_sat_f32_u",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I64_TRUNC_SAT_F64_S(
            0xFC,
            0x06,
            "i64.trunc_sat_f64_s",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    I64_TRUNC_SAT_F64_U(
            0xFC,
            0x07,
            "i64.trunc_sat_f64_u",
            ImmediateKind.NONE,
            WasmFeature.SATURATING_FLOAT_TO_INT,
            StackEffect.UNARY),
    MEMORY_INIT(0xFC, 0x08, "memory.init", ImmediateKind.INDEX_PAIR, WasmFeature.BULK_MEMORY, StackEffect.POP3),
    DATA_DROP(0xFC, 0x09, "data.drop", ImmediateKind.INDEX, WasmFeature.BULK_MEMORY, StackEffect.NONE),
    MEMORY_COPY(0xFC, 0x0A, "memory.copy", ImmediateKind.INDEX_PAIR, WasmFeature.BULK_MEMORY, StackEffect.POP3),
    MEMORY_FILL(0xFC, 0x0B, "memory.fill", ImmediateKind.INDEX, WasmFeature.BULK_MEMORY, StackEffect.POP3),
    TABLE_INIT(0xFC, 0x0C, "table.init", ImmediateKind.INDEX_PAIR, WasmFeature.BULK_MEMORY, StackEffect.POP3),
    ELEM_DROP(0xFC, 0x0D, "elem.drop", ImmediateKind.INDEX, WasmFeature.BULK_MEMORY, StackEffect.NONE),
    TABLE_COPY(0xFC, 0x0E, "table.copy", ImmediateKind.INDEX_PAIR, WasmFeature.BULK_MEMORY, StackEffect.POP3),
    TABLE_GROW(0xFC, 0x0F, "table.grow", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.BINARY),
    TABLE_SIZE(0xFC, 0x10, "table.size", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.PUSH),
    TABLE_FILL(0xFC, 0x11, "table.fill", ImmediateKind.INDEX, WasmFeature.REFERENCE_TYPES, StackEffect.POP3);

    /** Prefix byte of the multi-byte (0xFC) instructions; 0 for single-byte opcodes. */
    public static final int MISC_PREFIX = 0xFC;

    private static final Opcode[] SINGLE_BYTE = new Opcode[256];
    private static final Map<Integer, Opcode> MISC = new HashMap<>();

    static {
        for (Opcode opcode : values()) {
            if (opcode.prefix == 0) {
                SINGLE_BYTE[opcode.code] = opcode;
            } else {
                MISC.put(opcode.code, opcode);
            }
        }
    }

    private final int prefix;
    private final int code;
    private final String mnemonic;
    private final ImmediateKind immediates;
    private final WasmFeature feature;
    private final StackEffect stackEffect;

    Opcode(
            int prefix,
            int code,
            String mnemonic,
            ImmediateKind immediates,
            WasmFeature feature,
            StackEffect stackEffect) {
        this.prefix = prefix;
        this.code = code;
        this.mnemonic = mnemonic;
        this.immediates = immediates;
        this.feature = feature;
        this.stackEffect = stackEffect;
    }

    public int prefix() {
        return prefix;
    }

    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    public ImmediateKind immediates() {
        return immediates;
    }

    public WasmFeature feature() {
        return feature;
    }

    public StackEffect stackEffect() {
        return stackEffect;
    }

    /** Single-byte opcode, or null when {@code code} is not one. */
    public static Opcode singleByte(int code) {
        return SINGLE_BYTE[code];
    }

    /** 0xFC-prefixed opcode, or null when {@code subCode} is not one. */
    public static Opcode misc(int subCode) {
        return MISC.get(subCode);
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
