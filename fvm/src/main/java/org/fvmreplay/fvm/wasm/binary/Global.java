package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A defined global: type and initializer constant expression (instructions including the final {@code end}). */
public record Global(GlobalType type, List<Instruction> init) {
    public Global {
        requireNonNull(type, "type is null");
        init = List.copyOf(requireNonNull(init, "init is null"));
    }
}
