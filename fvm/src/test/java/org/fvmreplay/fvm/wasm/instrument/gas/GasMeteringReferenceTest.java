package org.fvmreplay.fvm.wasm.instrument.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.fvmreplay.fvm.wasm.TestAssembler;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of fvm-wasm-instrument 0.4 (src/gas_metering/mod.rs), with the reference's expected bodies. */
class GasMeteringReferenceTest {
    /** Rules of the reference tests gas_charge_charge_*: memory.grow Linear(17, 7), others Fixed(3), charge 13, calc 5. */
    private static final GasRules CHARGING_RULES = new GasRules() {
        @Override
        public InstructionCost instructionCost(Instruction instruction) {
            return instruction.opcode() == Opcode.MEMORY_GROW
                    ? new InstructionCost.Linear(17, 7)
                    : new InstructionCost.Fixed(3);
        }

        @Override
        public long gasChargeCost() {
            return 13;
        }

        @Override
        public long linearCalcCost() {
            return 5;
        }
    };

    private static List<String> body(byte[] wasm, int index) {
        return WasmModule.decode(wasm).code().get(index).instructions().stream()
                .map(Instruction::toString)
                .toList();
    }

    private static byte[] inject(String wat, GasRules rules) {
        return GasMeteringInjector.inject(Wat.compile(wat), rules, "env");
    }

    @Test
    void simpleGrowChargesPagesAtRunTime() {
        byte[] out = inject(
                "(module (func (result i32) global.get 0 memory.grow) (global i32 (i32.const 42)) (memory 0 1))",
                new ConstantCostRules(1, 10_000));
        assertThat(body(out, 0))
                .containsExactly(
                        "i64.const 2",
                        "call 1",
                        "global.get 1",
                        "local.tee 0",
                        "local.get 0",
                        "i64.extend_i32_u",
                        "i64.const 10000",
                        "i64.mul",
                        "call 1",
                        "memory.grow 0",
                        "end");
        assertThat(WasmModule.decode(out).code().get(0).locals()).hasSize(1);
    }

    @Test
    void growWithConstantArgumentIsChargedStatically() {
        byte[] out = inject(
                "(module (func (result i32) i32.const 10 memory.grow) (memory 0 1))", new ConstantCostRules(1, 10_000));
        assertThat(body(out, 0)).containsExactly("i64.const 100002", "call 1", "i32.const 10", "memory.grow 0", "end");
    }

    @Test
    void growWithNegativeConstantFails() {
        assertThatThrownBy(() -> inject(
                        "(module (func (result i32) i32.const -10 memory.grow) (memory 0 1))",
                        new ConstantCostRules(1, 10_000)))
                .isInstanceOf(InstrumentationException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void growWithoutPageCostIsAPlainInstruction() {
        byte[] out = inject(
                "(module (func (result i32) global.get 0 memory.grow) (global i32 (i32.const 42)) (memory 0 1))",
                ConstantCostRules.defaults());
        assertThat(body(out, 0)).containsExactly("i64.const 2", "call 1", "global.get 1", "memory.grow 0", "end");
        assertThat(WasmModule.decode(out).functions()).hasSize(2);
    }

    @Test
    void chargeForChargingWithConstantLinear() {
        byte[] out = inject("(module (func (result i32) i32.const 10 memory.grow) (memory 0 1))", CHARGING_RULES);
        // 3*1 + 17 + 10*7 + 13
        assertThat(body(out, 0)).containsExactly("i64.const 103", "call 1", "i32.const 10", "memory.grow 0", "end");
    }

    @Test
    void chargeForChargingWithDynamicLinear() {
        byte[] out = inject(
                "(module (func (result i32) i32.const 10 i32.const 1 i32.mul memory.grow) (memory 0 1))",
                CHARGING_RULES);
        // 3*3 + 17 + 13*2 + 5
        assertThat(body(out, 0))
                .containsExactly(
                        "i64.const 57",
                        "call 1",
                        "i32.const 10",
                        "i32.const 1",
                        "i32.mul",
                        "local.tee 0",
                        "local.get 0",
                        "i64.extend_i32_u",
                        "i64.const 7",
                        "i64.mul",
                        "call 1",
                        "memory.grow 0",
                        "end");
    }

    @Test
    void callsDoNotSplitBlocks() {
        // reference test call_index (its WAT leaves values on the stack, so it is assembled without validation)
        byte[] out = GasMeteringInjector.inject(
                TestAssembler.module(List.of(
                        "i32.const 0", "call 0; if; call 0; call 0; call 0; else; call 0; call 0; end; call 0")),
                ConstantCostRules.defaults(),
                "env");
        assertThat(body(out, 1))
                .containsExactly(
                        "i64.const 3",
                        "call 2",
                        "call 0",
                        "if -64",
                        "i64.const 3",
                        "call 2",
                        "call 0",
                        "call 0",
                        "call 0",
                        "else",
                        "i64.const 2",
                        "call 2",
                        "call 0",
                        "call 0",
                        "end",
                        "call 0",
                        "end");
    }

    @Test
    void gasGlobalFollowsImportedGlobals() {
        byte[] out = GasMeteringInjector.inject(Wat.compile("""
                (module
                  (type (;0;) (func (result i32)))
                  (type (;9;) (func (param i64 i32) (result i64)))
                  (import "env" "memory" (memory (;0;) 256 256))
                  (import "env" "DYNAMICTOP_PTR" (global (;0;) i32))
                  (import "env" "STACKTOP" (global (;1;) i32))
                  (import "env" "enlargeMemory" (func (;0;) (type 0)))
                  (import "env" "getTotalMemory" (func (;1;) (type 0)))
                  (import "env" "abortOnCannotGrowMemory" (func (;2;) (type 0)))
                  (import "env" "___setErrNo" (func (;3;) (type 0)))
                  (func (;4;) (type 1) (param i64 i32) (result i64)
                    local.get 0 i32.const 64 local.get 1 i32.sub i64.extend_i32_u i64.shl
                    local.get 0 local.get 1 i64.extend_i32_u i64.shr_u i64.or))"""), ConstantCostRules.defaults(), "other");
        assertThat(body(out, 0))
                .containsExactly(
                        "i64.const 11",
                        "call 5",
                        "local.get 0",
                        "i32.const 64",
                        "local.get 1",
                        "i32.sub",
                        "i64.extend_i32_u",
                        "i64.shl",
                        "local.get 0",
                        "local.get 1",
                        "i64.extend_i32_u",
                        "i64.shr_u",
                        "i64.or",
                        "end");
        assertThat(body(out, 1))
                .containsExactly(
                        "global.get 2",
                        "local.get 0",
                        "i64.sub",
                        "global.set 2",
                        "global.get 2",
                        "i64.const 0",
                        "i64.lt_s",
                        "if -64",
                        "unreachable",
                        "end",
                        "end");
    }

    @Test
    void existingGasGlobalImportIsRejected() {
        assertThatThrownBy(() -> GasMeteringInjector.inject(Wat.compile("""
                (module
                  (import "other" "gas_counter" (global (;0;) i64))
                  (func (param i64 i32) (result i64) local.get 0 local.get 1 i64.extend_i32_u i64.or))"""), ConstantCostRules.defaults(), "other"))
                .isInstanceOf(InstrumentationException.class)
                .hasMessage("expected 1 gas global");
    }

    /** The reference's test_gas_counter_injection! cases, flattened (folded {@code (call 1 (i64.const n))} is {@code i64.const n; call 1}). */
    static Stream<org.junit.jupiter.params.provider.Arguments> injectionCases() {
        return Stream.of(
                arguments("simple", "global.get 0", "i64.const 1; call 1; global.get 1"),
                arguments(
                        "nested",
                        "global.get 0; block; global.get 0; global.get 0; global.get 0; end; global.get 0",
                        "i64.const 6; call 1; global.get 1; block; global.get 1; global.get 1; global.get 1; end; global.get 1"),
                arguments(
                        "ifelse",
                        "global.get 0; if; global.get 0; global.get 0; global.get 0; else; global.get 0; global.get 0; end; global.get 0",
                        "i64.const 3; call 1; global.get 1; if; i64.const 3; call 1; global.get 1; global.get 1; global.get 1; else; "
                                + "i64.const 2; call 1; global.get 1; global.get 1; end; global.get 1"),
                arguments(
                        "branch_innermost",
                        "global.get 0; block; global.get 0; drop; br 0; global.get 0; drop; end; global.get 0",
                        "i64.const 6; call 1; global.get 1; block; global.get 1; drop; br 0; i64.const 2; call 1; global.get 1; drop; end; global.get 1"),
                arguments(
                        "branch_outer_block",
                        "global.get 0; block; global.get 0; if; global.get 0; global.get 0; drop; br_if 1; end; global.get 0; drop; end; global.get 0",
                        "i64.const 5; call 1; global.get 1; block; global.get 1; if; i64.const 4; call 1; global.get 1; global.get 1; drop; br_if 1; end; "
                                + "i64.const 2; call 1; global.get 1; drop; end; global.get 1"),
                arguments(
                        "branch_outer_loop",
                        "global.get 0; loop; global.get 0; if; global.get 0; br_if 0; else; global.get 0; global.get 0; drop; br_if 1; end; global.get 0; drop; end; global.get 0",
                        "i64.const 3; call 1; global.get 1; loop; i64.const 4; call 1; global.get 1; if; i64.const 2; call 1; global.get 1; br_if 0; else; "
                                + "i64.const 4; call 1; global.get 1; global.get 1; drop; br_if 1; end; global.get 1; drop; end; global.get 1"),
                arguments(
                        "return_from_func",
                        "global.get 0; if; return; end; global.get 0",
                        "i64.const 2; call 1; global.get 1; if; i64.const 1; call 1; return; end; i64.const 1; call 1; global.get 1"),
                arguments(
                        "branch_from_if_not_else",
                        "global.get 0; block; global.get 0; if; br 1; else; br 0; end; global.get 0; drop; end; global.get 0",
                        "i64.const 5; call 1; global.get 1; block; global.get 1; if; i64.const 1; call 1; br 1; else; i64.const 1; call 1; br 0; end; "
                                + "i64.const 2; call 1; global.get 1; drop; end; global.get 1"),
                arguments(
                        "empty_loop",
                        "loop; br 0; end; unreachable",
                        "i64.const 2; call 1; loop; i64.const 1; call 1; br 0; end; unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injectionCases")
    void blockPartitionMatchesReference(String name, String input, String expected) {
        byte[] out =
                GasMeteringInjector.inject(TestAssembler.module(List.of(input)), ConstantCostRules.defaults(), "env");
        List<String> expectedBody = TestAssembler.instructions(expected + "; end").stream()
                .map(Instruction::toString)
                .toList();
        assertThat(body(out, 0)).isEqualTo(expectedBody);
    }
}
