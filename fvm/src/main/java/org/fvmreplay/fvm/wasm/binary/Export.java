package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** An export: name, kind and index in that kind's index space. */
public record Export(String name, ExternalKind kind, int index) {
    public Export {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
