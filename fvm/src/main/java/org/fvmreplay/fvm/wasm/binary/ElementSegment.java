package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An element segment. {@code mode} is active, passive or declared; {@code offset} is set for active segments.
 * Items are either function indices ({@code functionIndices}) or constant expressions ({@code expressions}), as in the binary.
 * {@code explicitTableIndex} records whether an active segment spells out its table index (flags 2/6) rather than
 * implying table 0 (flags 0/4), so that re-encoding is exact.
 */
public record ElementSegment(
        Mode mode,
        boolean explicitTableIndex,
        int tableIndex,
        List<Instruction> offset,
        ValueType elementType,
        boolean usesExpressions,
        List<Integer> functionIndices,
        List<List<Instruction>> expressions) {
    /** Element segment mode. */
    public enum Mode {
        ACTIVE,
        PASSIVE,
        DECLARED
    }

    public ElementSegment {
        requireNonNull(mode, "mode is null");
        offset = offset == null ? null : List.copyOf(offset);
        requireNonNull(elementType, "elementType is null");
        functionIndices = List.copyOf(requireNonNull(functionIndices, "functionIndices is null"));
        expressions = requireNonNull(expressions, "expressions is null").stream()
                .map(List::copyOf)
                .toList();
    }

    public ElementSegment withFunctionIndices(List<Integer> newIndices) {
        return new ElementSegment(
                mode, explicitTableIndex, tableIndex, offset, elementType, usesExpressions, newIndices, expressions);
    }

    /** The same segment with the table index spelled out, as wasm-encoder writes segments built with {@code table: Some(_)}. */
    public ElementSegment withExplicitTableIndex() {
        return new ElementSegment(
                mode, true, tableIndex, offset, elementType, usesExpressions, functionIndices, expressions);
    }

    public int size() {
        return usesExpressions ? expressions.size() : functionIndices.size();
    }
}
