package org.fvmreplay.fvm.wasm.validation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.fvm.wasm.binary.ByteReader;
import org.fvmreplay.fvm.wasm.binary.DataSegment;
import org.fvmreplay.fvm.wasm.binary.ElementSegment;
import org.fvmreplay.fvm.wasm.binary.Export;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.Global;
import org.fvmreplay.fvm.wasm.binary.GlobalType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Limits;
import org.fvmreplay.fvm.wasm.binary.LocalGroup;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.TableType;
import org.fvmreplay.fvm.wasm.binary.UnsupportedFeatureException;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmFeature;
import org.fvmreplay.fvm.wasm.binary.WasmFormatException;
import org.fvmreplay.fvm.wasm.binary.WasmModule;

/**
 * Checks a module against the FVM's engine feature set and limits before instrumentation: which proposals are used (per
 * type, import, table, memory, global, segment and instruction), table/memory counts and sizes, index bounds, constant
 * expressions, alignment and local counts. It does not type-check operand stacks; that is left to the engine.
 */
public final class FvmModuleValidator {
    private final FvmWasmFeatures features;
    private final WasmModule module;
    private final Map<Integer, String> functionNames = new HashMap<>();
    private List<FuncType> types = List.of();
    private final List<FuncType> functionTypes = new ArrayList<>();
    private final List<GlobalType> globals = new ArrayList<>();
    private int importedFunctions;
    private int tableCount;
    private int memoryCount;
    private boolean hasDataCount;
    private int dataSegmentCount;
    private int elementSegmentCount;

    private FvmModuleValidator(WasmModule module, FvmWasmFeatures features) {
        this.module = module;
        this.features = features;
    }

    public static void validate(byte[] wasm) {
        validate(wasm, FvmWasmFeatures.fvm());
    }

    public static void validate(byte[] wasm, FvmWasmFeatures features) {
        requireNonNull(wasm, "wasm is null");
        requireNonNull(features, "features is null");
        WasmModule module;
        try {
            module = WasmModule.decode(wasm);
        } catch (WasmFormatException e) {
            throw new WasmValidationException(null, "invalid WebAssembly binary: " + e.getMessage());
        }
        new FvmModuleValidator(module, features).run();
    }

    private void run() {
        try {
            readNames();
            types = module.types();
            hasDataCount = module.section(Section.DATA_COUNT).isPresent();
            dataSegmentCount = module.data().size();
            elementSegmentCount = module.elements().size();
            checkTypes();
            checkImports();
            checkDefinitions();
            checkCode();
            checkSegments();
        } catch (UnsupportedFeatureException e) {
            throw new WasmValidationException(e.feature(), e.getMessage());
        } catch (WasmFormatException e) {
            throw new WasmValidationException(null, "invalid WebAssembly binary: " + e.getMessage());
        }
    }

    private void require(WasmFeature feature, String where) {
        if (!features.isEnabled(feature)) {
            throw new WasmValidationException(
                    feature,
                    where + " uses WebAssembly feature '" + feature.wasmName() + "', which the FVM does not enable");
        }
    }

    private static WasmValidationException invalid(String message) {
        return new WasmValidationException(null, message);
    }

    private void checkValueType(ValueType type, String where) {
        require(type.feature(), where);
        if (type == ValueType.FUNCREF) {
            // funcref as a value (not as a table element type) comes with reference types
            require(WasmFeature.REFERENCE_TYPES, where);
        }
    }

    private void checkTypes() {
        for (int i = 0; i < types.size(); i++) {
            FuncType type = types.get(i);
            String where = "type " + i;
            if (type.results().size() > 1) {
                require(WasmFeature.MULTI_VALUE, where + " (" + type.results().size() + " results)");
            }
            type.params().forEach(t -> checkValueType(t, where));
            type.results().forEach(t -> checkValueType(t, where));
        }
    }

    private FuncType type(int index, String where) {
        if (index < 0 || index >= types.size()) {
            throw invalid(where + " refers to type " + Integer.toUnsignedString(index) + " but the module has "
                    + types.size() + " types");
        }
        return types.get(index);
    }

    private void checkImports() {
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            Import imported = imports.get(i);
            String where = "import " + i + " (" + imported.module() + "." + imported.name() + ")";
            switch (imported.kind()) {
                case FUNCTION -> {
                    functionTypes.add(type(imported.typeIndex(), where));
                    importedFunctions++;
                }
                case TABLE -> checkTable(imported.table(), where);
                case MEMORY -> checkMemory(imported.memory(), where);
                case GLOBAL -> {
                    checkValueType(imported.global().valueType(), where);
                    if (imported.global().mutable()) {
                        require(WasmFeature.MUTABLE_GLOBAL, where);
                    }
                    globals.add(imported.global());
                }
                case TAG -> require(WasmFeature.EXCEPTIONS, where);
            }
        }
    }

    private void checkTable(TableType table, String where) {
        tableCount++;
        if (tableCount > features.maxTables()) {
            throw invalid(where + ": more than " + features.maxTables()
                    + " table(s); the FVM's instance allocator allows " + features.maxTables());
        }
        if (table.elementType() != ValueType.FUNCREF) {
            require(WasmFeature.REFERENCE_TYPES, where + " (table of " + table.elementType() + ")");
        }
        if (table.limits().minimum() > features.maxTableElements()) {
            throw invalid(where + ": table minimum " + table.limits().minimum() + " exceeds the FVM limit of "
                    + features.maxTableElements() + " elements");
        }
        checkLimits(table.limits(), where, 0xFFFFFFFFL);
    }

    private void checkMemory(Limits memory, String where) {
        memoryCount++;
        if (memoryCount > features.maxMemories()) {
            require(WasmFeature.MULTI_MEMORY, where + " (memory " + (memoryCount - 1) + ")");
        }
        if (memory.shared()) {
            require(WasmFeature.THREADS, where + " (shared memory)");
        }
        if (memory.memory64()) {
            require(WasmFeature.MEMORY64, where + " (64-bit memory)");
        }
        if (memory.customPageSize()) {
            require(WasmFeature.CUSTOM_PAGE_SIZES, where + " (custom page size)");
        }
        checkLimits(memory, where, 65536);
    }

    private static void checkLimits(Limits limits, String where, long bound) {
        if (Long.compareUnsigned(limits.minimum(), bound) > 0
                || (limits.maximum().isPresent()
                        && Long.compareUnsigned(limits.maximum().getAsLong(), bound) > 0)) {
            throw invalid(where + ": limits exceed " + bound);
        }
        if (limits.maximum().isPresent()
                && Long.compareUnsigned(limits.maximum().getAsLong(), limits.minimum()) < 0) {
            throw invalid(
                    where + ": maximum " + limits.maximum().getAsLong() + " is below minimum " + limits.minimum());
        }
    }

    private void checkDefinitions() {
        List<Integer> functions = module.functions();
        for (int i = 0; i < functions.size(); i++) {
            functionTypes.add(type(functions.get(i), "function " + (importedFunctions + i)));
        }
        List<TableType> tables = module.tables();
        for (int i = 0; i < tables.size(); i++) {
            checkTable(tables.get(i), "table " + i);
        }
        List<Limits> memories = module.memories();
        for (int i = 0; i < memories.size(); i++) {
            checkMemory(memories.get(i), "memory " + i);
        }
        List<Global> defined = module.globals();
        int importedGlobals = globals.size();
        for (int i = 0; i < defined.size(); i++) {
            String where = "global " + (importedGlobals + i);
            checkValueType(defined.get(i).type().valueType(), where);
            checkConstantExpression(defined.get(i).init(), where, importedGlobals);
            globals.add(defined.get(i).type());
        }
        Set<String> exportNames = new HashSet<>();
        for (Export export : module.exports()) {
            if (!exportNames.add(export.name())) {
                throw invalid("duplicate export name '" + export.name() + "'");
            }
            long bound = switch (export.kind()) {
                case FUNCTION -> functionTypes.size();
                case TABLE -> tableCount;
                case MEMORY -> memoryCount;
                case GLOBAL -> globals.size();
                case TAG -> 0;
            };
            if (export.index() < 0 || export.index() >= bound) {
                throw invalid("export '" + export.name() + "' refers to missing "
                        + export.kind().name().toLowerCase() + " " + Integer.toUnsignedString(export.index()));
            }
        }
        module.start().ifPresent(start -> {
            if (start < 0 || start >= functionTypes.size()) {
                throw invalid("start function " + Integer.toUnsignedString(start) + " does not exist");
            }
            FuncType type = functionTypes.get(start);
            if (!type.params().isEmpty() || !type.results().isEmpty()) {
                throw invalid("start function " + describeFunction(start) + " must take and return nothing");
            }
        });
    }

    /** Only a single constant instruction is allowed; more means the extended-const proposal. */
    private void checkConstantExpression(List<Instruction> expression, String where, int visibleGlobals) {
        if (expression.size() != 2) {
            require(
                    WasmFeature.EXTENDED_CONST,
                    where + " initializer with " + (expression.size() - 1) + " instructions");
        }
        Instruction instruction = expression.get(0);
        switch (instruction.opcode()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> {}
            case GLOBAL_GET -> {
                if (instruction.index() < 0 || instruction.index() >= visibleGlobals) {
                    throw invalid(where + " initializer reads global " + Integer.toUnsignedString(instruction.index())
                            + ", which is not an imported global");
                }
            }
            case REF_NULL, REF_FUNC -> require(WasmFeature.REFERENCE_TYPES, where);
            default -> throw invalid(where + " initializer uses non-constant instruction " + instruction.opcode());
        }
    }

    private void checkCode() {
        int definedCount = functionTypes.size() - importedFunctions;
        Section code = module.section(Section.CODE).orElse(null);
        if (code == null) {
            if (definedCount != 0) {
                throw invalid("function section declares " + definedCount + " functions but there is no code section");
            }
            return;
        }
        ByteReader reader = code.reader();
        int count = reader.readCount();
        if (count != definedCount) {
            throw invalid("code section has " + count + " bodies but the function section declares " + definedCount);
        }
        for (int i = 0; i < count; i++) {
            int function = importedFunctions + i;
            int size = reader.readCount();
            ByteReader bodyReader = reader.slice(size);
            FunctionBody body;
            try {
                body = SectionCodec.decodeFunctionBody(bodyReader);
            } catch (UnsupportedFeatureException e) {
                throw new WasmValidationException(
                        e.feature(), "function " + describeFunction(function) + ": " + e.getMessage());
            } catch (WasmFormatException e) {
                throw invalid("function " + describeFunction(function) + ": " + e.getMessage());
            }
            new FunctionChecker(this, function, body).check();
        }
    }

    private void checkSegments() {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment segment = elements.get(i);
            String where = "element segment " + i;
            if (segment.mode() != ElementSegment.Mode.ACTIVE
                    || segment.usesExpressions()
                    || segment.tableIndex() != 0) {
                require(WasmFeature.BULK_MEMORY, where);
            }
            if (segment.elementType() != ValueType.FUNCREF) {
                require(WasmFeature.REFERENCE_TYPES, where);
            }
            if (segment.mode() == ElementSegment.Mode.ACTIVE) {
                if (segment.tableIndex() >= tableCount) {
                    throw invalid(where + " targets missing table " + segment.tableIndex());
                }
                checkConstantExpression(segment.offset(), where + " offset", globals.size());
            }
            for (int function : segment.functionIndices()) {
                if (function < 0 || function >= functionTypes.size()) {
                    throw invalid(where + " refers to missing function " + Integer.toUnsignedString(function));
                }
            }
            for (List<Instruction> expression : segment.expressions()) {
                checkConstantExpression(expression, where + " item", globals.size());
            }
        }
        List<DataSegment> data = module.data();
        for (int i = 0; i < data.size(); i++) {
            DataSegment segment = data.get(i);
            if (!segment.active()) {
                require(WasmFeature.BULK_MEMORY, "data segment " + i + " (passive)");
                continue;
            }
            if (segment.memoryIndex() >= memoryCount) {
                throw invalid("data segment " + i + " targets missing memory " + segment.memoryIndex());
            }
            checkConstantExpression(segment.offset(), "data segment " + i + " offset", globals.size());
        }
        if (hasDataCount) {
            Section dataCount = module.section(Section.DATA_COUNT).orElseThrow();
            int declared = dataCount.reader().readCount();
            if (declared != data.size()) {
                throw invalid("data count section declares " + declared + " segments but the data section has "
                        + data.size());
            }
        }
    }

    private void readNames() {
        for (Section section : module.sections()) {
            if (section.id() != Section.CUSTOM) {
                continue;
            }
            try {
                ByteReader reader = section.reader();
                if (!reader.readName().equals("name")) {
                    continue;
                }
                while (!reader.atEnd()) {
                    int subsection = reader.readByte();
                    ByteReader content = reader.slice(reader.readCount());
                    if (subsection == 1) {
                        int count = content.readCount();
                        for (int i = 0; i < count; i++) {
                            functionNames.put(content.readCount(), content.readName());
                        }
                    }
                }
            } catch (WasmFormatException e) {
                // a malformed name section is ignored by engines; names are only used for messages here
            }
        }
    }

    String describeFunction(int index) {
        String name = functionNames.get(index);
        if (name == null) {
            name = module.exports().stream()
                    .filter(e -> e.kind() == ExternalKind.FUNCTION && e.index() == index)
                    .map(Export::name)
                    .findFirst()
                    .orElse(null);
        }
        return name == null ? Integer.toString(index) : index + " (" + name + ")";
    }

    FvmWasmFeatures features() {
        return features;
    }

    List<FuncType> types() {
        return types;
    }

    List<FuncType> functionTypes() {
        return functionTypes;
    }

    List<GlobalType> globals() {
        return globals;
    }

    int tableCount() {
        return tableCount;
    }

    int memoryCount() {
        return memoryCount;
    }

    boolean hasDataCount() {
        return hasDataCount;
    }

    int dataSegmentCount() {
        return dataSegmentCount;
    }

    int elementSegmentCount() {
        return elementSegmentCount;
    }

    static long localCount(FunctionBody body) {
        long total = 0;
        for (LocalGroup group : body.locals()) {
            total += Integer.toUnsignedLong(group.count());
        }
        return total;
    }
}
