package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.fvm.wasm.binary.ValueType;

/** Parameter and result types of a host function; the FVM's syscalls use only i32 and i64. */
public record HostSignature(List<ValueType> params, List<ValueType> results) {
    public HostSignature {
        params = List.copyOf(requireNonNull(params, "params is null"));
        results = List.copyOf(requireNonNull(results, "results is null"));
        for (ValueType type : params) {
            checkSupported(type);
        }
        for (ValueType type : results) {
            checkSupported(type);
        }
    }

    public static HostSignature of(List<ValueType> params, List<ValueType> results) {
        return new HostSignature(params, results);
    }

    private static void checkSupported(ValueType type) {
        if (type != ValueType.I32 && type != ValueType.I64) {
            throw new IllegalArgumentException("host functions take and return only i32 and i64, not " + type);
        }
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
