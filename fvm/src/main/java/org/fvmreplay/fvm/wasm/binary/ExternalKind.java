package org.fvmreplay.fvm.wasm.binary;

/** Kind of an import or export. */
public enum ExternalKind {
    FUNCTION,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG;

    public static ExternalKind fromCode(int code, ByteReader where) {
        if (code < 0 || code >= values().length) {
            throw new WasmFormatException(where.offset() - 1, "unknown external kind 0x" + Integer.toHexString(code));
        }
        return values()[code];
    }
}
