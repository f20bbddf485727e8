package org.fvmreplay.fvm.wasm.instrument.stack;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fvmreplay.fvm.wasm.binary.ElementSegment;
import org.fvmreplay.fvm.wasm.binary.Export;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.Global;
import org.fvmreplay.fvm.wasm.binary.GlobalType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmFormatException;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.InstrumentVersion;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;
import org.fvmreplay.fvm.wasm.instrument.ParityWasmView;
import org.fvmreplay.fvm.wasm.instrument.ReferenceSectionLayout;

/**
 * Stack-height limiter, byte-identical to fvm-wasm-instrument 0.4 {@code stack_limiter::inject}: adds a mutable i32 global,
 * wraps every call to a defined function with "height += cost; trap if height > limit; call; height -= cost", and routes
 * exports, table elements and the start function through thunks that do the same for external entries.
 * <p>
 * A function's cost is its number of local <em>declaration groups</em> plus its {@link MaxStackHeight} (the reference counts
 * groups, not locals, and not parameters). The new global's index is the number of defined globals, ignoring imported
 * globals, exactly as in the reference.
 */
public final class StackLimiterInjector {
    private StackLimiterInjector() {}

    public static byte[] inject(byte[] wasm, int stackLimit) {
        return inject(wasm, stackLimit, InstrumentVersion.V0_4);
    }

    /** {@link InstrumentVersion#V0_2} counts every local in the stack cost instead of local declaration groups. */
    public static byte[] inject(byte[] wasm, int stackLimit, InstrumentVersion version) {
        requireNonNull(wasm, "wasm is null");
        requireNonNull(version, "version is null");
        try {
            return inject(WasmModule.decode(wasm), stackLimit, version);
        } catch (WasmFormatException e) {
            throw new InstrumentationException("stack limiter: cannot decode module: " + e.getMessage(), e);
        }
    }

    private static byte[] inject(WasmModule module, int stackLimit, InstrumentVersion version) {
        ReferenceSectionLayout layout = new ReferenceSectionLayout(module);
        List<FuncType> types =
                layout.get(Section.TYPE).map(SectionCodec::decodeTypes).orElse(List.of());
        List<Import> imports =
                layout.get(Section.IMPORT).map(SectionCodec::decodeImports).orElse(List.of());
        List<Integer> functionTypeIndices = new ArrayList<>();
        for (Import imported : imports) {
            if (imported.kind() == ExternalKind.FUNCTION) {
                functionTypeIndices.add(imported.typeIndex());
            }
        }
        int importedFunctions = functionTypeIndices.size();
        List<Integer> definedTypeIndices =
                layout.get(Section.FUNCTION).map(SectionCodec::decodeFunctions).orElse(List.of());
        functionTypeIndices.addAll(definedTypeIndices);
        List<FuncType> functionTypes = new ArrayList<>();
        for (int typeIndex : functionTypeIndices) {
            if (typeIndex < 0 || typeIndex >= types.size()) {
                throw new InstrumentationException(
                        "stack limiter: type " + Integer.toUnsignedString(typeIndex) + " not found");
            }
            functionTypes.add(types.get(typeIndex));
        }

        int stackHeightGlobal = addStackHeightGlobal(layout);

        List<FunctionBody> bodies =
                layout.get(Section.CODE).map(SectionCodec::decodeCode).orElse(List.of());
        List<Long> costs = new ArrayList<>();
        for (int function = 0; function < functionTypes.size(); function++) {
            if (function < importedFunctions) {
                costs.add(0L);
                continue;
            }
            int defined = function - importedFunctions;
            if (defined >= bodies.size()) {
                throw new InstrumentationException("stack limiter: function body " + defined + " is out of bounds");
            }
            FunctionBody body = bodies.get(defined);
            try {
                long locals = version == InstrumentVersion.V0_4 ? body.locals().size() : body.localCount();
                List<Instruction> analyzed = version == InstrumentVersion.V0_4
                        ? body.instructions()
                        : ParityWasmView.of(body.instructions()).instructions();
                costs.add(locals + MaxStackHeight.compute(analyzed, functionTypes.get(function), functionTypes, types));
            } catch (InstrumentationException e) {
                throw new InstrumentationException("stack limiter: function " + function + ": " + e.getMessage(), e);
            }
        }

        List<FunctionBody> instrumented = new ArrayList<>();
        for (FunctionBody body : bodies) {
            instrumented.add(instrumentCalls(body, costs, stackHeightGlobal, stackLimit));
        }

        generateThunks(
                layout,
                version,
                types,
                functionTypes,
                definedTypeIndices,
                instrumented,
                costs,
                stackHeightGlobal,
                stackLimit);
        return layout.bytes();
    }

    private static int addStackHeightGlobal(ReferenceSectionLayout layout) {
        List<Global> globals = new ArrayList<>(
                layout.get(Section.GLOBAL).map(SectionCodec::decodeGlobals).orElse(List.of()));
        int index = globals.size();
        globals.add(new Global(
                new GlobalType(ValueType.I32, true), List.of(Instruction.i32Const(0), Instruction.of(Opcode.END))));
        layout.put(SectionCodec.encodeGlobals(globals));
        return index;
    }

    private static FunctionBody instrumentCalls(
            FunctionBody body, List<Long> costs, int stackHeightGlobal, int stackLimit) {
        List<Instruction> out = new ArrayList<>(body.instructions().size());
        for (Instruction instruction : body.instructions()) {
            if (instruction.opcode() == Opcode.CALL) {
                int callee = instruction.index();
                long cost = callee >= 0 && callee < costs.size() ? costs.get(callee) : 0;
                if (cost > 0) {
                    out.addAll(instrumentedCall(callee, cost, stackHeightGlobal, stackLimit));
                    continue;
                }
            }
            out.add(instruction);
        }
        return new FunctionBody(body.locals(), out);
    }

    /** The reference's pre- and postamble around a call; cost and limit are emitted as i32 constants (wrapping like Rust's {@code as i32}). */
    private static List<Instruction> instrumentedCall(int callee, long cost, int stackHeightGlobal, int stackLimit) {
        long global = Integer.toUnsignedLong(stackHeightGlobal);
        return List.of(
                Instruction.of(Opcode.GLOBAL_GET, global),
                Instruction.i32Const((int) cost),
                Instruction.of(Opcode.I32_ADD),
                Instruction.of(Opcode.GLOBAL_SET, global),
                Instruction.of(Opcode.GLOBAL_GET, global),
                Instruction.i32Const(stackLimit),
                Instruction.of(Opcode.I32_GT_U),
                Instruction.of(Opcode.IF, Instruction.EMPTY_BLOCK_TYPE),
                Instruction.of(Opcode.UNREACHABLE),
                Instruction.of(Opcode.END),
                Instruction.call(callee),
                Instruction.of(Opcode.GLOBAL_GET, global),
                Instruction.i32Const((int) cost),
                Instruction.of(Opcode.I32_SUB),
                Instruction.of(Opcode.GLOBAL_SET, global));
    }

    private static void generateThunks(
            ReferenceSectionLayout layout,
            InstrumentVersion version,
            List<FuncType> types,
            List<FuncType> functionTypes,
            List<Integer> definedTypeIndices,
            List<FunctionBody> bodies,
            List<Long> costs,
            int stackHeightGlobal,
            int stackLimit) {
        List<Export> exports =
                layout.get(Section.EXPORT).map(SectionCodec::decodeExports).orElse(List.of());
        List<ElementSegment> elements =
                layout.get(Section.ELEMENT).map(SectionCodec::decodeElements).orElse(List.of());
        Optional<Integer> start = layout.get(Section.START).map(SectionCodec::decodeStart);

        Set<Integer> entryPoints = new LinkedHashSet<>();
        exports.stream().filter(e -> e.kind() == ExternalKind.FUNCTION).forEach(e -> entryPoints.add(e.index()));
        elements.stream().filter(s -> !s.usesExpressions()).forEach(s -> entryPoints.addAll(s.functionIndices()));
        start.ifPresent(entryPoints::add);

        // ordered by function index, like the reference's BTreeMap
        Map<Integer, Long> thunkCosts = new TreeMap<>(Integer::compareUnsigned);
        for (int function : entryPoints) {
            if (function < 0 || function >= costs.size()) {
                throw new InstrumentationException(
                        "stack limiter: function index " + Integer.toUnsignedString(function) + " isn't found");
            }
            if (costs.get(function) != 0) {
                thunkCosts.put(function, costs.get(function));
            }
        }
        if (layout.get(Section.FUNCTION).isEmpty()) {
            throw new InstrumentationException("stack limiter: module has no function section");
        }

        List<Integer> newFunctionTypes = new ArrayList<>(definedTypeIndices);
        List<FunctionBody> newBodies = new ArrayList<>(bodies);
        Map<Integer, Integer> thunkIndex = new TreeMap<>();
        int next = functionTypes.size();
        for (Map.Entry<Integer, Long> entry : thunkCosts.entrySet()) {
            FuncType signature = functionTypes.get(entry.getKey());
            List<Instruction> thunk = new ArrayList<>();
            for (int param = 0; param < signature.params().size(); param++) {
                thunk.add(Instruction.of(Opcode.LOCAL_GET, param));
            }
            thunk.addAll(instrumentedCall(entry.getKey(), entry.getValue(), stackHeightGlobal, stackLimit));
            thunk.add(Instruction.of(Opcode.END));
            newFunctionTypes.add(types.indexOf(signature));
            newBodies.add(new FunctionBody(List.of(), thunk));
            thunkIndex.put(entry.getKey(), next++);
        }

        List<Export> newExports = new ArrayList<>();
        for (Export export : exports) {
            int index = export.kind() == ExternalKind.FUNCTION
                    ? thunkIndex.getOrDefault(export.index(), export.index())
                    : export.index();
            newExports.add(new Export(export.name(), export.kind(), index));
        }
        // 0.4 rebuilds every segment with an explicit table index (wasm-encoder `table: Some(i)`, flags 2/6);
        // 0.2 (parity-wasm) keeps the segment's own encoding
        List<ElementSegment> newElements = new ArrayList<>();
        for (ElementSegment segment : elements) {
            ElementSegment updated = segment.usesExpressions()
                    ? segment
                    : segment.withFunctionIndices(segment.functionIndices().stream()
                            .map(f -> thunkIndex.getOrDefault(f, f))
                            .toList());
            newElements.add(version == InstrumentVersion.V0_4 ? updated.withExplicitTableIndex() : updated);
        }

        layout.put(SectionCodec.encodeFunctions(newFunctionTypes));
        layout.put(SectionCodec.encodeCode(newBodies));
        layout.put(SectionCodec.encodeExports(newExports));
        layout.put(SectionCodec.encodeElements(newElements));
        start.ifPresent(function -> layout.put(SectionCodec.encodeStart(thunkIndex.getOrDefault(function, function))));
    }
}
