package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** The binary uses a WebAssembly proposal this decoder does not model (SIMD, threads, exceptions, multi-memory, ...). */
public class UnsupportedFeatureException
        extends WasmFormatException
{
    private final WasmFeature feature;

    public UnsupportedFeatureException(long offset, WasmFeature feature, String message)
    {
        super(offset, message + " (WebAssembly feature '" + requireNonNull(feature, "feature is null").wasmName() + "' is disabled in the FVM)");
        this.feature = feature;
    }

    public WasmFeature feature()
    {
        return feature;
    }
}
