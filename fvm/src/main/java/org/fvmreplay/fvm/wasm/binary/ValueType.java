package org.fvmreplay.fvm.wasm.binary;

/** A WebAssembly value type with its binary code. */
public enum ValueType {
    I32(0x7F, WasmFeature.MVP),
    I64(0x7E, WasmFeature.MVP),
    F32(0x7D, WasmFeature.MVP),
    F64(0x7C, WasmFeature.MVP),
    V128(0x7B, WasmFeature.SIMD),
    FUNCREF(0x70, WasmFeature.MVP),
    EXTERNREF(0x6F, WasmFeature.REFERENCE_TYPES);

    private final int code;
    private final WasmFeature feature;

    ValueType(int code, WasmFeature feature) {
        this.code = code;
        this.feature = feature;
    }

    public int code() {
        return code;
    }

    /** Proposal that introduced this type when used as a value (funcref as a value needs reference types). */
    public WasmFeature feature() {
        return feature;
    }

    public static ValueType fromCode(int code, ByteReader where) {
        for (ValueType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new WasmFormatException(where.offset() - 1, "unknown value type 0x" + Integer.toHexString(code));
    }
}
