package org.fvmreplay.fvm.wasm.instrument.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.fvmreplay.fvm.wasm.TestAssembler;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** fvm-wasm-instrument 0.4's max_height tests (src/stack_limiter/max_height.rs) with their expected heights. */
class MaxStackHeightTest {
    static long heightOfFirstFunction(String wat) {
        WasmModule module = WasmModule.decode(Wat.compile(wat));
        List<FuncType> types = module.types();
        List<FuncType> functionTypes =
                module.functionTypeIndices().stream().map(types::get).toList();
        int imported = functionTypes.size() - module.functions().size();
        return MaxStackHeight.compute(
                module.code().get(0).instructions(), functionTypes.get(imported), functionTypes, types);
    }

    static Stream<Arguments> referenceCases() {
        return Stream.of(
                arguments("simple", "(module (func i32.const 1 i32.const 2 i32.const 3 drop drop drop))", 3),
                arguments("implicit_and_explicit_return", "(module (func (result i32) i32.const 0 return))", 1),
                arguments(
                        "dont_count_in_unreachable",
                        "(module (memory 0) (func (result i32) unreachable grow_memory))",
                        0),
                arguments("call_indirect", """
                        (module (table $ptr 1 1 funcref) (elem $ptr (i32.const 0) func 1)
                          (func $main (call_indirect (i32.const 0)) (call_indirect (i32.const 0)) (call_indirect (i32.const 0)))
                          (func $callee i64.const 42 drop))""", 1),
                arguments(
                        "breaks",
                        "(module (func $main block (result i32) block (result i32) i32.const 99 br 1 end end drop))",
                        1),
                arguments("if_else_works", """
                        (module (func $main i32.const 7 i32.const 1 if (result i32) i32.const 42 else i32.const 99 end
                          i32.const 97 drop drop drop))""", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void matchesReference(String name, String wat, int heightAboveFrame) {
        assertThat(heightOfFirstFunction(wat)).isEqualTo(heightAboveFrame + MaxStackHeight.ACTIVATION_FRAME_COST);
    }

    @Test
    void yetAnotherReferenceCase() {
        // unreachable code leaves values behind, which wabt refuses to assemble; built directly
        List<org.fvmreplay.fvm.wasm.binary.Instruction> body = TestAssembler.instructions(
                "i32.const 0; i32.const 1; drop; drop; unreachable; i32.const 0; i32.const 1; i32.const 2; end");
        FuncType empty = new FuncType(List.of(), List.of());
        assertThat(MaxStackHeight.compute(body, empty, List.of(empty), List.of(empty)))
                .isEqualTo(2 + MaxStackHeight.ACTIVATION_FRAME_COST);
    }

    @Test
    void referenceTypeInstructionsAreRejectedLikeTheReference() {
        assertThatThrownBy(() -> heightOfFirstFunction("(module (func (result i32) ref.null func ref.is_null))"))
                .isInstanceOf(InstrumentationException.class)
                .hasMessageContaining("ref.null");
    }
}
