package org.fvmreplay.fvm.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.Global;
import org.fvmreplay.fvm.wasm.binary.GlobalType;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmModule;

/**
 * Test helper assembling modules without validation, for reference tests whose WAT leaves values on the stack (which the
 * Rust {@code wat} crate accepts and wabt refuses). Instructions are "mnemonic [immediate]" separated by ';', blocks are empty-typed.
 */
public final class TestAssembler {
    private static final Map<String, Opcode> BY_MNEMONIC =
            Arrays.stream(Opcode.values()).collect(Collectors.toMap(Opcode::mnemonic, Function.identity()));

    private TestAssembler() {}

    public static List<Instruction> instructions(String text) {
        List<Instruction> result = new ArrayList<>();
        for (String item : text.split(";")) {
            String[] parts = item.trim().split("\\s+");
            Opcode opcode = BY_MNEMONIC.get(parts[0]);
            if (opcode == null) {
                throw new IllegalArgumentException("unknown mnemonic " + parts[0]);
            }
            if (opcode == Opcode.BLOCK || opcode == Opcode.LOOP || opcode == Opcode.IF) {
                result.add(Instruction.of(opcode, Instruction.EMPTY_BLOCK_TYPE));
            } else {
                result.add(Instruction.of(opcode, parts.length > 1 ? Long.parseLong(parts[1]) : 0));
            }
        }
        return result;
    }

    /** Module with type {@code () -> i32}, one i32 global, and one function per body (each gets a final end). */
    public static byte[] module(List<String> bodies) {
        List<FunctionBody> code = bodies.stream()
                .map(body -> new FunctionBody(List.of(), instructions(body + "; end")))
                .toList();
        return new WasmModule(List.of(
                        SectionCodec.encodeTypes(List.of(new FuncType(List.of(), List.of(ValueType.I32)))),
                        SectionCodec.encodeFunctions(Collections.nCopies(bodies.size(), 0)),
                        SectionCodec.encodeGlobals(List.of(new Global(
                                new GlobalType(ValueType.I32, false),
                                List.of(Instruction.i32Const(0), Instruction.of(Opcode.END))))),
                        SectionCodec.encodeCode(code)))
                .encode();
    }
}
