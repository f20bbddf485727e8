package org.fvmreplay.fvm.wasm.binary;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An element segment. {@code mode} is active, passive or declared; {@code offset} is set for active segments.
 * Items are either function indices ({@code functionIndices}) or constant expressions ({@code expressions}), as in the binary.
 */
public record ElementSegment(
        Mode mode,
        int tableIndex,
        List<Instruction> offset,
        ValueType elementType,
        boolean usesExpressions,
        List<Integer> functionIndices,
        List<List<Instruction>> expressions)
{
    /** Element segment mode. */
    public enum Mode { ACTIVE, PASSIVE, DECLARED }

    public ElementSegment
    {
        requireNonNull(mode, "mode is null");
        offset = offset == null ? null : List.copyOf(offset);
        requireNonNull(elementType, "elementType is null");
        functionIndices = List.copyOf(requireNonNull(functionIndices, "functionIndices is null"));
        expressions = requireNonNull(expressions, "expressions is null").stream().map(List::copyOf).toList();
    }

    public ElementSegment withFunctionIndices(List<Integer> newIndices)
    {
        return new ElementSegment(mode, tableIndex, offset, elementType, usesExpressions, newIndices, expressions);
    }

    public int size()
    {
        return usesExpressions ? expressions.size() : functionIndices.size();
    }
}
