package org.fvmreplay.fvm.wasm.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.LocalGroup;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmFeature;

/** Feature, index, nesting and alignment checks for one function body (no operand type checking). */
final class FunctionChecker {
    private final FvmModuleValidator module;
    private final int function;
    private final FunctionBody body;
    private final Deque<Opcode> controls = new ArrayDeque<>();
    private int position;

    FunctionChecker(FvmModuleValidator module, int function, FunctionBody body) {
        this.module = module;
        this.function = function;
        this.body = body;
    }

    private String where() {
        return "function " + module.describeFunction(function) + ", instruction " + position;
    }

    private WasmValidationException invalid(String message) {
        return new WasmValidationException(null, where() + ": " + message);
    }

    private void require(WasmFeature feature, String what) {
        if (!module.features().isEnabled(feature)) {
            throw new WasmValidationException(
                    feature,
                    where() + ": " + what + " uses WebAssembly feature '" + feature.wasmName()
                            + "', which the FVM does not enable");
        }
    }

    void check() {
        FuncType signature = module.functionTypes().get(function);
        long locals = FvmModuleValidator.localCount(body);
        if (locals > module.features().maxFunctionLocals()) {
            throw invalid("declares " + locals + " locals, more than the limit of "
                    + module.features().maxFunctionLocals());
        }
        for (LocalGroup group : body.locals()) {
            if (group.type() == ValueType.V128) {
                require(WasmFeature.SIMD, "a v128 local");
            }
            if (group.type() == ValueType.EXTERNREF || group.type() == ValueType.FUNCREF) {
                require(WasmFeature.REFERENCE_TYPES, "a reference-typed local");
            }
        }
        long localSpace = signature.params().size() + locals;
        controls.push(Opcode.BLOCK);
        for (position = 0; position < body.instructions().size(); position++) {
            Instruction instruction = body.instructions().get(position);
            Opcode opcode = instruction.opcode();
            if (controls.isEmpty()) {
                throw invalid("instruction after the end of the function");
            }
            require(opcode.feature(), "instruction " + opcode.mnemonic());
            switch (opcode) {
                case BLOCK, LOOP, IF -> {
                    checkBlockType(instruction);
                    controls.push(opcode);
                }
                case ELSE -> {
                    if (controls.peek() != Opcode.IF) {
                        throw invalid("else outside of an if");
                    }
                    controls.pop();
                    controls.push(Opcode.ELSE);
                }
                case END -> controls.pop();
                case BR, BR_IF -> checkLabel(instruction.first());
                case BR_TABLE -> {
                    checkLabel(instruction.first());
                    instruction.labels().forEach(label -> checkLabel(Integer.toUnsignedLong(label)));
                }
                case CALL, REF_FUNC ->
                    checkIndex(instruction.first(), module.functionTypes().size(), "function");
                case CALL_INDIRECT -> {
                    checkIndex(instruction.first(), module.types().size(), "type");
                    checkIndex(instruction.second(), module.tableCount(), "table");
                }
                case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> checkIndex(instruction.first(), localSpace, "local");
                case GLOBAL_GET ->
                    checkIndex(instruction.first(), module.globals().size(), "global");
                case GLOBAL_SET -> {
                    checkIndex(instruction.first(), module.globals().size(), "global");
                    if (!module.globals().get(instruction.index()).mutable()) {
                        throw invalid("global.set of immutable global " + instruction.index());
                    }
                }
                case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL ->
                    checkIndex(instruction.first(), module.memoryCount(), "memory");
                case MEMORY_COPY -> {
                    checkIndex(instruction.first(), module.memoryCount(), "memory");
                    checkIndex(instruction.second(), module.memoryCount(), "memory");
                }
                case MEMORY_INIT, DATA_DROP -> {
                    if (!module.hasDataCount()) {
                        throw invalid(opcode.mnemonic() + " requires a data count section");
                    }
                    checkIndex(instruction.first(), module.dataSegmentCount(), "data segment");
                    if (opcode == Opcode.MEMORY_INIT) {
                        checkIndex(instruction.second(), module.memoryCount(), "memory");
                    }
                }
                case TABLE_INIT -> {
                    checkIndex(instruction.first(), module.elementSegmentCount(), "element segment");
                    checkIndex(instruction.second(), module.tableCount(), "table");
                }
                case ELEM_DROP -> checkIndex(instruction.first(), module.elementSegmentCount(), "element segment");
                case TABLE_COPY -> {
                    checkIndex(instruction.first(), module.tableCount(), "table");
                    checkIndex(instruction.second(), module.tableCount(), "table");
                }
                case TABLE_GET, TABLE_SET, TABLE_GROW, TABLE_SIZE, TABLE_FILL ->
                    checkIndex(instruction.first(), module.tableCount(), "table");
                default -> {
                    if (opcode.immediates() == org.fvmreplay.fvm.wasm.binary.ImmediateKind.MEMARG) {
                        checkMemoryAccess(instruction);
                    }
                }
            }
        }
        if (!controls.isEmpty()) {
            throw invalid("function body ends inside an open block");
        }
    }

    private void checkBlockType(Instruction instruction) {
        if (instruction.isEmptyBlockType()) {
            return;
        }
        if (instruction.isTypeIndexBlockType()) {
            require(WasmFeature.MULTI_VALUE, "a block with a type-index block type");
            checkIndex(instruction.first(), module.types().size(), "type");
            return;
        }
        int code = (int) (instruction.first() & 0x7F);
        for (ValueType type : ValueType.values()) {
            if (type.code() == code) {
                if (type == ValueType.V128) {
                    require(WasmFeature.SIMD, "a v128 block result");
                }
                if (type == ValueType.EXTERNREF || type == ValueType.FUNCREF) {
                    require(WasmFeature.REFERENCE_TYPES, "a reference-typed block result");
                }
                return;
            }
        }
        throw invalid("unknown block type " + instruction.first());
    }

    private void checkLabel(long label) {
        if (label >= controls.size()) {
            throw invalid("branch to label " + label + " but only " + controls.size() + " enclosing blocks");
        }
    }

    private void checkIndex(long index, long bound, String what) {
        if (index < 0 || index >= bound) {
            throw invalid("refers to " + what + " " + index + " but the module has " + bound);
        }
    }

    private void checkMemoryAccess(Instruction instruction) {
        if (module.memoryCount() == 0) {
            throw invalid(instruction.opcode().mnemonic() + " without a memory");
        }
        int natural = switch (instruction.opcode()) {
            case I32_LOAD8_S, I32_LOAD8_U, I64_LOAD8_S, I64_LOAD8_U, I32_STORE8, I64_STORE8 -> 0;
            case I32_LOAD16_S, I32_LOAD16_U, I64_LOAD16_S, I64_LOAD16_U, I32_STORE16, I64_STORE16 -> 1;
            case I32_LOAD, F32_LOAD, I64_LOAD32_S, I64_LOAD32_U, I32_STORE, F32_STORE, I64_STORE32 -> 2;
            default -> 3;
        };
        if (instruction.first() > natural) {
            throw invalid(instruction.opcode().mnemonic() + " alignment 2^" + instruction.first()
                    + " exceeds the natural alignment 2^" + natural);
        }
        if (instruction.second() < 0 || instruction.second() > 0xFFFFFFFFL) {
            require(WasmFeature.MEMORY64, "a memory offset above 2^32");
        }
    }
}
