package org.fvmreplay.fvm.wasm.binary;

/** WebAssembly proposals an instruction or construct belongs to, named as wasmtime's config names them. */
public enum WasmFeature {
    MVP("mvp"),
    MUTABLE_GLOBAL("mutable-global"),
    SIGN_EXTENSION("sign-extension"),
    SATURATING_FLOAT_TO_INT("saturating-float-to-int"),
    BULK_MEMORY("bulk-memory"),
    REFERENCE_TYPES("reference-types"),
    MULTI_VALUE("multi-value"),
    SIMD("simd"),
    RELAXED_SIMD("relaxed-simd"),
    THREADS("threads"),
    TAIL_CALL("tail-call"),
    EXCEPTIONS("exceptions"),
    MEMORY64("memory64"),
    MULTI_MEMORY("multi-memory"),
    EXTENDED_CONST("extended-const"),
    CUSTOM_PAGE_SIZES("custom-page-sizes"),
    GC("gc");

    private final String wasmName;

    WasmFeature(String wasmName) {
        this.wasmName = wasmName;
    }

    public String wasmName() {
        return wasmName;
    }
}
