package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A data segment; {@code offset} is null for passive segments. */
public record DataSegment(boolean active, int memoryIndex, List<Instruction> offset, int length, long dataOffset) {
    public DataSegment {
        offset = offset == null ? null : List.copyOf(offset);
    }

    public List<Instruction> offsetOrEmpty() {
        return offset == null ? List.of() : requireNonNull(offset);
    }
}
