package org.fvmreplay.fvm.wasm.instrument.gas;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.wasm.binary.DataSegment;
import org.fvmreplay.fvm.wasm.binary.ElementSegment;
import org.fvmreplay.fvm.wasm.binary.Export;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.GlobalType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.LocalGroup;
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
 * Gas metering injection, byte-identical to fvm-wasm-instrument 0.4 {@code gas_metering::inject}: imports a mutable i64
 * global {@code <module>.gas_counter}, appends a charge function {@code (param i64)} that subtracts and traps below zero, and
 * calls it at the start of every metered block and before every linearly priced instruction with a run-time argument.
 * <p>
 * Reference quirks reproduced deliberately: every {@code global.get/set} index in code is shifted by one (also those of
 * imported globals), global exports and global initializers are not shifted, and only {@code i32.const} data offsets and
 * element expressions are accepted. {@link InstrumentVersion#V0_2} selects 0.2's behaviour instead.
 */
public final class GasMeteringInjector {
    public static final String GAS_COUNTER_NAME = "gas_counter";
    /** The gas global's name in fvm-wasm-instrument 0.2, misspelled there and therefore in FVM v2. */
    public static final String GAS_COUNTER_NAME_V0_2 = "gas_couner";

    private GasMeteringInjector() {}

    public static byte[] inject(byte[] wasm, GasRules rules, String gasModuleName) {
        return inject(wasm, rules, gasModuleName, InstrumentVersion.V0_4);
    }

    public static byte[] inject(byte[] wasm, GasRules rules, String gasModuleName, InstrumentVersion version) {
        requireNonNull(wasm, "wasm is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(gasModuleName, "gasModuleName is null");
        requireNonNull(version, "version is null");
        try {
            WasmModule module = WasmModule.decode(wasm);
            return version == InstrumentVersion.V0_4
                    ? inject(module, rules, gasModuleName)
                    : injectV02(module, rules, gasModuleName);
        } catch (WasmFormatException e) {
            throw new InstrumentationException("gas metering: cannot decode module: " + e.getMessage(), e);
        }
    }

    private static byte[] inject(WasmModule module, GasRules rules, String gasModuleName) {
        ReferenceSectionLayout layout = new ReferenceSectionLayout(module);

        // import the gas counter after all existing imports
        List<Import> imports = new ArrayList<>(
                layout.get(Section.IMPORT).map(SectionCodec::decodeImports).orElse(List.of()));
        imports.add(Import.global(gasModuleName, GAS_COUNTER_NAME, new GlobalType(ValueType.I64, true)));
        layout.put(SectionCodec.encodeImports(imports));
        int importedGlobals = (int)
                imports.stream().filter(i -> i.kind() == ExternalKind.GLOBAL).count();
        int importedFunctions = (int)
                imports.stream().filter(i -> i.kind() == ExternalKind.FUNCTION).count();
        int gasGlobal = importedGlobals - 1;

        List<FuncType> types =
                layout.get(Section.TYPE).map(SectionCodec::decodeTypes).orElse(List.of());
        List<Integer> functionTypes =
                layout.get(Section.FUNCTION).map(SectionCodec::decodeFunctions).orElse(List.of());
        int gasFunction = importedFunctions + functionTypes.size();

        List<Integer> paramCounts = new ArrayList<>();
        for (int typeIndex : functionTypes) {
            if (typeIndex < 0 || typeIndex >= types.size()) {
                throw new InstrumentationException(
                        "gas metering: function type " + Integer.toUnsignedString(typeIndex) + " missing");
            }
            paramCounts.add(types.get(typeIndex).params().size());
        }

        if (layout.get(Section.CODE).isPresent()) {
            List<FunctionBody> bodies =
                    SectionCodec.decodeCode(layout.get(Section.CODE).get());
            List<FunctionBody> instrumented = new ArrayList<>(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                if (i >= paramCounts.size()) {
                    throw new InstrumentationException("gas metering: out of function declarations for code body " + i);
                }
                FunctionBody shifted = shiftGlobalIndices(bodies.get(i));
                try {
                    instrumented.add(instrumentFunction(shifted, rules, paramCounts.get(i), gasFunction));
                } catch (InstrumentationException e) {
                    throw new InstrumentationException(
                            "gas metering of function " + (importedFunctions + i) + " failed: " + e.getMessage(), e);
                }
            }
            layout.put(SectionCodec.encodeCode(instrumented));
        }

        long gasGlobals = imports.stream()
                .filter(i -> i.kind() == ExternalKind.GLOBAL
                        && i.module().equals(gasModuleName)
                        && i.name().equals(GAS_COUNTER_NAME))
                .count();
        if (gasGlobals != 1) {
            throw new InstrumentationException("expected 1 gas global");
        }
        boolean immutableGasGlobal = imports.stream()
                .anyMatch(i -> i.kind() == ExternalKind.GLOBAL
                        && i.module().equals(gasModuleName)
                        && i.name().equals(GAS_COUNTER_NAME)
                        && !i.global().mutable());
        if (immutableGasGlobal) {
            throw new InstrumentationException(
                    "gas metering: the " + gasModuleName + "." + GAS_COUNTER_NAME + " import is not mutable");
        }

        for (ElementSegment segment :
                layout.get(Section.ELEMENT).map(SectionCodec::decodeElements).orElse(List.of())) {
            for (List<Instruction> expression : segment.expressions()) {
                if (!isI32ConstExpression(expression)) {
                    throw new InstrumentationException(
                            "gas metering: element expressions other than i32.const are not supported");
                }
            }
        }
        for (DataSegment segment :
                layout.get(Section.DATA).map(SectionCodec::decodeData).orElse(List.of())) {
            if (segment.active() && !isI32ConstExpression(segment.offset())) {
                throw new InstrumentationException(
                        "gas metering: data segment offsets other than i32.const are not supported");
            }
        }

        addFunction(
                layout,
                types,
                functionTypes,
                new FuncType(List.of(ValueType.I64), List.of()),
                chargeFunction(gasGlobal));
        return layout.bytes();
    }

    /** fvm-wasm-instrument 0.2 semantics (see {@link InstrumentVersion}); section layout is ours, not parity-wasm's. */
    private static byte[] injectV02(WasmModule module, GasRules rules, String gasModuleName) {
        ReferenceSectionLayout layout = new ReferenceSectionLayout(module);
        List<Import> imports = new ArrayList<>(
                layout.get(Section.IMPORT).map(SectionCodec::decodeImports).orElse(List.of()));
        imports.add(Import.global(gasModuleName, GAS_COUNTER_NAME_V0_2, new GlobalType(ValueType.I64, true)));
        layout.put(SectionCodec.encodeImports(imports));
        int gasGlobal = (int) imports.stream()
                        .filter(i -> i.kind() == ExternalKind.GLOBAL)
                        .count()
                - 1;
        int importedFunctions = (int)
                imports.stream().filter(i -> i.kind() == ExternalKind.FUNCTION).count();
        List<FuncType> types =
                layout.get(Section.TYPE).map(SectionCodec::decodeTypes).orElse(List.of());
        List<Integer> functionTypes =
                layout.get(Section.FUNCTION).map(SectionCodec::decodeFunctions).orElse(List.of());
        int gasFunction = importedFunctions + functionTypes.size();
        int growFunction = gasFunction + 1;
        InstructionCost growCost = rules.instructionCost(Instruction.of(Opcode.MEMORY_GROW, 0));
        int pageCost = growCost instanceof InstructionCost.Linear linear ? linear.unitCost() : 0;

        boolean needGrowFunction = false;
        if (layout.get(Section.CODE).isPresent()) {
            List<FunctionBody> instrumented = new ArrayList<>();
            List<FunctionBody> bodies =
                    SectionCodec.decodeCode(layout.get(Section.CODE).get());
            for (int i = 0; i < bodies.size(); i++) {
                List<Instruction> shifted = new ArrayList<>();
                for (Instruction instruction : bodies.get(i).instructions()) {
                    boolean globalAccess =
                            instruction.opcode() == Opcode.GLOBAL_GET || instruction.opcode() == Opcode.GLOBAL_SET;
                    shifted.add(
                            globalAccess && Integer.compareUnsigned(instruction.index(), gasGlobal) >= 0
                                    ? Instruction.of(instruction.opcode(), instruction.first() + 1)
                                    : instruction);
                }
                MeteringPlan plan;
                ParityWasmView view;
                try {
                    view = ParityWasmView.of(shifted);
                    plan = MeteredBlockPlanner.plan(view.instructions(), rules, InstrumentVersion.V0_2);
                } catch (InstrumentationException e) {
                    throw new InstrumentationException(
                            "gas metering (0.2) of function " + (importedFunctions + i) + " failed: " + e.getMessage(),
                            e);
                }
                List<Instruction> out = new ArrayList<>();
                int nextBlock = 0;
                List<Instruction> parsed = view.instructions();
                for (int position = 0; position < parsed.size(); position++) {
                    if (nextBlock < plan.blocks().size()
                            && plan.blocks().get(nextBlock).startPosition() == position) {
                        out.add(Instruction.i64Const(
                                plan.blocks().get(nextBlock).cost()));
                        out.add(Instruction.call(gasFunction));
                        nextBlock++;
                    }
                    if (view.isPhantom(position)) {
                        // written back by parity-wasm as memory.copy's / table.copy's second index byte
                        continue;
                    }
                    Instruction instruction = parsed.get(position);
                    if (pageCost != 0 && instruction.opcode() == Opcode.MEMORY_GROW) {
                        out.add(Instruction.call(growFunction));
                        needGrowFunction = true;
                    } else {
                        out.add(instruction);
                    }
                }
                if (nextBlock != plan.blocks().size()) {
                    throw new InstrumentationException("metered blocks should be all consumed");
                }
                instrumented.add(new FunctionBody(bodies.get(i).locals(), out));
            }
            layout.put(SectionCodec.encodeCode(instrumented));
        }

        layout.get(Section.EXPORT)
                .ifPresent(section -> layout.put(SectionCodec.encodeExports(SectionCodec.decodeExports(section).stream()
                        .map(e -> e.kind() == ExternalKind.GLOBAL && Integer.compareUnsigned(e.index(), gasGlobal) >= 0
                                ? new Export(e.name(), e.kind(), e.index() + 1)
                                : e)
                        .toList())));
        for (Import imported : imports) {
            // 0.2's check: an imported global is refused when both its module and its name differ from the gas import's
            if (imported.kind() == ExternalKind.GLOBAL
                    && !imported.module().equals(gasModuleName)
                    && !imported.name().equals(GAS_COUNTER_NAME_V0_2)) {
                throw new InstrumentationException("gas metering (0.2): imported global " + imported.module() + "."
                        + imported.name() + " is not allowed");
            }
        }
        for (ElementSegment segment :
                layout.get(Section.ELEMENT).map(SectionCodec::decodeElements).orElse(List.of())) {
            if (segment.offset() != null && !isI32ConstExpression(segment.offset())) {
                throw new InstrumentationException(
                        "gas metering (0.2): element offsets other than i32.const are not supported");
            }
        }
        for (DataSegment segment :
                layout.get(Section.DATA).map(SectionCodec::decodeData).orElse(List.of())) {
            if (segment.active() && !isI32ConstExpression(segment.offset())) {
                throw new InstrumentationException(
                        "gas metering (0.2): data segment offsets other than i32.const are not supported");
            }
        }

        addFunction(
                layout,
                types,
                functionTypes,
                new FuncType(List.of(ValueType.I64), List.of()),
                chargeFunction(gasGlobal));
        if (needGrowFunction) {
            List<FuncType> currentTypes =
                    layout.get(Section.TYPE).map(SectionCodec::decodeTypes).orElse(List.of());
            List<Integer> currentFunctions = layout.get(Section.FUNCTION)
                    .map(SectionCodec::decodeFunctions)
                    .orElse(List.of());
            addFunction(
                    layout,
                    currentTypes,
                    currentFunctions,
                    new FuncType(List.of(ValueType.I32), List.of(ValueType.I32)),
                    new FunctionBody(
                            List.of(),
                            List.of(
                                    Instruction.of(Opcode.LOCAL_GET, 0),
                                    Instruction.of(Opcode.LOCAL_GET, 0),
                                    Instruction.of(Opcode.I64_EXTEND_I32_U),
                                    Instruction.i64Const(Integer.toUnsignedLong(pageCost)),
                                    Instruction.of(Opcode.I64_MUL),
                                    Instruction.call(gasFunction),
                                    Instruction.of(Opcode.MEMORY_GROW, 0),
                                    Instruction.of(Opcode.END))));
        }
        return layout.bytes();
    }

    private static boolean isI32ConstExpression(List<Instruction> expression) {
        return expression.size() == 2
                && expression.get(0).opcode() == Opcode.I32_CONST
                && expression.get(1).opcode() == Opcode.END;
    }

    private static FunctionBody shiftGlobalIndices(FunctionBody body) {
        List<Instruction> result = new ArrayList<>(body.instructions().size());
        for (Instruction instruction : body.instructions()) {
            if (instruction.opcode() == Opcode.GLOBAL_GET || instruction.opcode() == Opcode.GLOBAL_SET) {
                result.add(Instruction.of(instruction.opcode(), (instruction.first() + 1) & 0xFFFFFFFFL));
            } else {
                result.add(instruction);
            }
        }
        return new FunctionBody(body.locals(), result);
    }

    /** Inserts block charges and run-time linear charges into one function body. */
    public static FunctionBody instrumentFunction(FunctionBody body, GasRules rules, int paramCount, int gasFunction) {
        MeteringPlan plan = MeteredBlockPlanner.plan(body.instructions(), rules);
        List<LocalGroup> locals = new ArrayList<>(body.locals());
        int temporaryLocal = (int) (paramCount + body.localCount());
        if (!plan.dynamicCharges().isEmpty()) {
            locals.add(new LocalGroup(1, ValueType.I32));
        }
        long chargeCost = rules.gasChargeCost();
        List<Instruction> out =
                new ArrayList<>(body.instructions().size() + 2 * plan.blocks().size());
        int nextBlock = 0;
        int nextCharge = 0;
        List<Instruction> original = body.instructions();
        for (int position = 0; position < original.size(); position++) {
            if (nextBlock < plan.blocks().size() && plan.blocks().get(nextBlock).startPosition() == position) {
                out.add(Instruction.i64Const(
                        chargeCost + plan.blocks().get(nextBlock).cost()));
                out.add(Instruction.call(gasFunction));
                nextBlock++;
            }
            if (nextCharge < plan.dynamicCharges().size()
                    && plan.dynamicCharges().get(nextCharge).position() == position) {
                // charge unitCost * argument, reading the argument through a temporary local; the unsigned extension
                // makes
                // a negative argument a huge charge rather than a free one
                out.add(Instruction.of(Opcode.LOCAL_TEE, Integer.toUnsignedLong(temporaryLocal)));
                out.add(Instruction.of(Opcode.LOCAL_GET, Integer.toUnsignedLong(temporaryLocal)));
                out.add(Instruction.of(Opcode.I64_EXTEND_I32_U));
                out.add(Instruction.i64Const(
                        plan.dynamicCharges().get(nextCharge).unitCost()));
                out.add(Instruction.of(Opcode.I64_MUL));
                out.add(Instruction.call(gasFunction));
                nextCharge++;
            }
            out.add(original.get(position));
        }
        if (nextBlock != plan.blocks().size()) {
            throw new InstrumentationException("metered blocks should be all consumed");
        }
        if (nextCharge != plan.dynamicCharges().size()) {
            throw new InstrumentationException("metered instructions should be all consumed");
        }
        return new FunctionBody(locals, out);
    }

    private static FunctionBody chargeFunction(int gasGlobal) {
        long global = Integer.toUnsignedLong(gasGlobal);
        return new FunctionBody(
                List.of(),
                List.of(
                        Instruction.of(Opcode.GLOBAL_GET, global),
                        Instruction.of(Opcode.LOCAL_GET, 0),
                        Instruction.of(Opcode.I64_SUB),
                        Instruction.of(Opcode.GLOBAL_SET, global),
                        Instruction.of(Opcode.GLOBAL_GET, global),
                        Instruction.i64Const(0),
                        Instruction.of(Opcode.I64_LT_S),
                        Instruction.of(Opcode.IF, Instruction.EMPTY_BLOCK_TYPE),
                        Instruction.of(Opcode.UNREACHABLE),
                        Instruction.of(Opcode.END),
                        Instruction.of(Opcode.END)));
    }

    /** Appends a function like the reference's {@code ModuleInfo::add_func}: reuse an identical type or append one. */
    static void addFunction(
            ReferenceSectionLayout layout,
            List<FuncType> types,
            List<Integer> functionTypes,
            FuncType type,
            FunctionBody body) {
        int typeIndex = types.indexOf(type);
        if (typeIndex < 0) {
            List<FuncType> newTypes = new ArrayList<>(types);
            newTypes.add(type);
            typeIndex = types.size();
            layout.put(SectionCodec.encodeTypes(newTypes));
        }
        if (layout.get(Section.FUNCTION).isEmpty() || layout.get(Section.CODE).isEmpty()) {
            throw new InstrumentationException("gas metering: module has no function or code section");
        }
        List<Integer> newFunctions = new ArrayList<>(functionTypes);
        newFunctions.add(typeIndex);
        layout.put(SectionCodec.encodeFunctions(newFunctions));
        List<FunctionBody> bodies =
                new ArrayList<>(SectionCodec.decodeCode(layout.get(Section.CODE).get()));
        bodies.add(body);
        layout.put(SectionCodec.encodeCode(bodies));
    }
}
