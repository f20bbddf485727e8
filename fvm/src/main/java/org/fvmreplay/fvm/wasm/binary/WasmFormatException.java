package org.fvmreplay.fvm.wasm.binary;

/** A WebAssembly binary that cannot be decoded, with the byte offset where decoding failed. */
public class WasmFormatException extends RuntimeException {
    private final long offset;
    private final String detail;

    public WasmFormatException(long offset, String message) {
        super(message + " (at byte offset 0x" + Long.toHexString(offset) + ")");
        this.offset = offset;
        this.detail = message;
    }

    /** The message without the offset, for wrapping with more context. */
    public String detail() {
        return detail;
    }

    public long offset() {
        return offset;
    }
}
