package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** The binary uses a WebAssembly proposal this decoder does not model (SIMD, threads, exceptions, multi-memory, ...). */
public class UnsupportedFeatureException extends WasmFormatException {
    private final WasmFeature feature;

    public UnsupportedFeatureException(long offset, WasmFeature feature, String message) {
        super(offset, message.endsWith(suffix(feature)) ? message : message + suffix(feature));
        this.feature = feature;
    }

    private static String suffix(WasmFeature feature) {
        return " (WebAssembly feature '"
                + requireNonNull(feature, "feature is null").wasmName() + "' is disabled in the FVM)";
    }

    public WasmFeature feature() {
        return feature;
    }
}
