package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A function signature: parameter and result types. */
public record FuncType(List<ValueType> params, List<ValueType> results) {
    public FuncType {
        params = List.copyOf(requireNonNull(params, "params is null"));
        results = List.copyOf(requireNonNull(results, "results is null"));
    }
}
