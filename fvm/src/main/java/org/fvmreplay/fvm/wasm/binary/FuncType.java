package org.fvmreplay.fvm.wasm.binary;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A function signature: parameter and result types. */
public record FuncType(List<ValueType> params, List<ValueType> results)
{
    public FuncType
    {
        params = List.copyOf(requireNonNull(params, "params is null"));
        results = List.copyOf(requireNonNull(results, "results is null"));
    }
}
