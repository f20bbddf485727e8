package org.fvmreplay.fvm.wasm.validation;

import java.util.Optional;
import org.fvmreplay.fvm.wasm.binary.WasmFeature;

/** A module the FVM's engine configuration would reject, naming the disabled feature (if any) and where it is used. */
public class WasmValidationException extends RuntimeException {
    private final WasmFeature feature;

    public WasmValidationException(WasmFeature feature, String message) {
        super(message);
        this.feature = feature;
    }

    /** The disabled WebAssembly feature the module uses, if that is why it was rejected. */
    public Optional<WasmFeature> feature() {
        return Optional.ofNullable(feature);
    }
}
