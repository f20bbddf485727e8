package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/**
 * An import. Exactly one descriptor is set according to {@code kind}: {@code typeIndex} for functions and tags,
 * {@code table}, {@code memory} or {@code global}.
 */
public record Import(
        String module,
        String name,
        ExternalKind kind,
        int typeIndex,
        TableType table,
        Limits memory,
        GlobalType global) {
    public Import {
        requireNonNull(module, "module is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }

    public static Import function(String module, String name, int typeIndex) {
        return new Import(module, name, ExternalKind.FUNCTION, typeIndex, null, null, null);
    }

    public static Import global(String module, String name, GlobalType type) {
        return new Import(module, name, ExternalKind.GLOBAL, 0, null, null, requireNonNull(type, "type is null"));
    }
}
