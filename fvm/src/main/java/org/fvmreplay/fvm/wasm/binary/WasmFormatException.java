package org.fvmreplay.fvm.wasm.binary;

/** A WebAssembly binary that cannot be decoded, with the byte offset where decoding failed. */
public class WasmFormatException
        extends RuntimeException
{
    private final long offset;

    public WasmFormatException(long offset, String message)
    {
        super(message + " (at byte offset 0x" + Long.toHexString(offset) + ")");
        this.offset = offset;
    }

    public long offset()
    {
        return offset;
    }
}
