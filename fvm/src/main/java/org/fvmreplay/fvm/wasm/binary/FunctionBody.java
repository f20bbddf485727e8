package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A function body: local declarations (groups kept as written) and instructions including the final {@code end}. */
public record FunctionBody(List<LocalGroup> locals, List<Instruction> instructions) {
    public FunctionBody {
        locals = List.copyOf(requireNonNull(locals, "locals is null"));
        instructions = List.copyOf(requireNonNull(instructions, "instructions is null"));
    }

    /** Total number of declared locals (excluding parameters). */
    public long localCount() {
        long total = 0;
        for (LocalGroup group : locals) {
            total += Integer.toUnsignedLong(group.count());
        }
        return total;
    }
}
