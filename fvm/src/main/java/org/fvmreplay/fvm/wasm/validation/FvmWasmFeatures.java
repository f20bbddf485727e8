package org.fvmreplay.fvm.wasm.validation;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import org.fvmreplay.fvm.wasm.binary.WasmFeature;

/** The WebAssembly features and resource limits the FVM engine accepts. */
public record FvmWasmFeatures(
        Set<WasmFeature> enabled, int maxTables, long maxTableElements, int maxMemories, int maxFunctionLocals) {
    public FvmWasmFeatures {
        enabled = Set.copyOf(requireNonNull(enabled, "enabled is null"));
    }

    /**
     * ref-fvm's wasmtime configuration (fvm/src/engine/mod.rs, release/v3 and master): bulk memory on; SIMD, relaxed SIMD,
     * tail calls, multi-memory, memory64, multi-value, extended const and custom page sizes explicitly off; threads, GC and
     * exceptions off by wasmtime's defaults. Reference types are not switched off there, so wasmtime's default (on)
     * applies — although the stack limiter then rejects {@code ref.null}, {@code ref.func}, {@code ref.is_null} and typed
     * {@code select}. The pooling allocator allows one table of at most 20,000 elements and one memory. The local limit is
     * wasmparser's 50,000.
     */
    public static FvmWasmFeatures fvm() {
        return new FvmWasmFeatures(
                EnumSet.of(
                        WasmFeature.MVP,
                        WasmFeature.MUTABLE_GLOBAL,
                        WasmFeature.SIGN_EXTENSION,
                        WasmFeature.SATURATING_FLOAT_TO_INT,
                        WasmFeature.BULK_MEMORY,
                        WasmFeature.REFERENCE_TYPES),
                1,
                20_000,
                1,
                50_000);
    }

    public boolean isEnabled(WasmFeature feature) {
        return enabled.contains(feature);
    }
}
