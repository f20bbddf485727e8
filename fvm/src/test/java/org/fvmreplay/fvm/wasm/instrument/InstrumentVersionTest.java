package org.fvmreplay.fvm.wasm.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.fvmreplay.fvm.wasm.SharedData;
import org.fvmreplay.fvm.wasm.TestAssembler;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.fvm.wasm.instrument.gas.MeteredBlock;
import org.fvmreplay.fvm.wasm.instrument.gas.MeteredBlockPlanner;
import org.fvmreplay.fvm.wasm.instrument.stack.StackLimiterInjector;
import org.junit.jupiter.api.Test;

/** fvm-wasm-instrument 0.2 behaviour (FVM v2, network versions 16-17) behind {@link InstrumentVersion#V0_2}. */
class InstrumentVersionTest {
    private static List<String> body(byte[] wasm, int index) {
        return WasmModule.decode(wasm).code().get(index).instructions().stream()
                .map(Instruction::toString)
                .toList();
    }

    @Test
    void networkVersionSelectsRelease() {
        assertThat(InstrumentVersion.forNetworkVersion(16)).isEqualTo(InstrumentVersion.V0_2);
        assertThat(InstrumentVersion.forNetworkVersion(17)).isEqualTo(InstrumentVersion.V0_2);
        assertThat(InstrumentVersion.forNetworkVersion(18)).isEqualTo(InstrumentVersion.V0_4);
        assertThat(InstrumentVersion.forNetworkVersion(25)).isEqualTo(InstrumentVersion.V0_4);
        assertThatThrownBy(() -> InstrumentVersion.forNetworkVersion(15)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v02MetersMemoryGrowThroughAGrowFunction() {
        // expected bodies from the 0.2 reference test simple_grow (ConstantCostRules::new(1, 10_000))
        byte[] out = GasMeteringInjector.inject(
                Wat.compile(
                        "(module (func (result i32) global.get 0 memory.grow) (global i32 (i32.const 42)) (memory 0 1))"),
                new ConstantCostRules(1, 10_000),
                "env",
                InstrumentVersion.V0_2);
        assertThat(body(out, 0)).containsExactly("i64.const 2", "call 1", "global.get 1", "call 2", "end");
        assertThat(body(out, 2))
                .containsExactly(
                        "local.get 0",
                        "local.get 0",
                        "i64.extend_i32_u",
                        "i64.const 10000",
                        "i64.mul",
                        "call 1",
                        "memory.grow 0",
                        "end");
        assertThat(WasmModule.decode(out).imports()).extracting(Import::name).containsExactly("gas_couner");
    }

    @Test
    void v02WithoutPageCostHasNoGrowFunction() {
        byte[] out = GasMeteringInjector.inject(
                Wat.compile(
                        "(module (func (result i32) global.get 0 memory.grow) (global i32 (i32.const 42)) (memory 0 1))"),
                ConstantCostRules.defaults(),
                "env",
                InstrumentVersion.V0_2);
        assertThat(body(out, 0)).containsExactly("i64.const 2", "call 1", "global.get 1", "memory.grow 0", "end");
        assertThat(WasmModule.decode(out).functions()).hasSize(2);
    }

    @Test
    void v02ShiftsOnlyGlobalsAboveTheGasGlobal() {
        byte[] out = GasMeteringInjector.inject(
                Wat.compile("""
                (module (import "env" "gas_couner" (global i64)) (global i32 (i32.const 1))
                  (func (result i32) global.get 0 drop global.get 1))"""), ConstantCostRules.defaults(), "env", InstrumentVersion.V0_2);
        // imported global 0 keeps its index; the defined global moves from 1 to 2 behind the new import
        assertThat(body(out, 0))
                .containsExactly("i64.const 3", "call 1", "global.get 0", "drop", "global.get 2", "end");
        byte[] v04 = GasMeteringInjector.inject(Wat.compile("""
                (module (import "env" "other" (global i64)) (global i32 (i32.const 1))
                  (func (result i32) global.get 0 drop global.get 1))"""), ConstantCostRules.defaults(), "env");
        // 0.4 shifts every index, the imported one included
        assertThat(body(v04, 0))
                .containsExactly("i64.const 3", "call 1", "global.get 1", "drop", "global.get 2", "end");
        assertThat(WasmModule.decode(v04).imports())
                .filteredOn(i -> i.kind() == ExternalKind.GLOBAL)
                .hasSize(2);
    }

    @Test
    void brTableDefaultTargetCountsOnlyInV02() {
        List<Instruction> body = TestAssembler.instructions(
                "block; block; i32.const 0; br_table 1; end; i32.const 1; drop; end; i32.const 2; drop; end");
        // the assembler puts the immediate in `first`, which for br_table is the default label; there are no explicit
        // labels
        List<MeteredBlock> v04 = MeteredBlockPlanner.plan(body, ConstantCostRules.defaults(), InstrumentVersion.V0_4)
                .blocks();
        List<MeteredBlock> v02 = MeteredBlockPlanner.plan(body, ConstantCostRules.defaults(), InstrumentVersion.V0_2)
                .blocks();
        assertThat(v04).containsExactly(new MeteredBlock(0, 8));
        assertThat(v02).containsExactly(new MeteredBlock(0, 6), new MeteredBlock(5, 2));
    }

    @Test
    void v02SeesMemoryCopyAsFollowedByUnreachable() {
        String wat =
                "(module (memory 1) (func (param i32) (memory.copy (local.get 0) (i32.const 0) (i32.const 8)) (local.get 0) (drop)))";
        // 0.4: 3 operands + memory.copy + local.get + drop = 6 (memory.copy is Fixed under the default rules)
        assertThat(body(GasMeteringInjector.inject(Wat.compile(wat), ConstantCostRules.defaults(), "env"), 0))
                .startsWith("i64.const 6");
        // 0.2: parity-wasm's phantom unreachable after memory.copy costs one more, and the bytes keep a single
        // memory.copy
        byte[] v02 = GasMeteringInjector.inject(
                Wat.compile(wat), ConstantCostRules.defaults(), "env", InstrumentVersion.V0_2);
        assertThat(body(v02, 0))
                .containsExactly(
                        "i64.const 7",
                        "call 1",
                        "local.get 0",
                        "i32.const 0",
                        "i32.const 8",
                        "memory.copy 0 0",
                        "local.get 0",
                        "drop",
                        "end");
        // what 0.2's analyses see
        assertThat(
                        ParityWasmView.of(WasmModule.decode(Wat.compile(wat))
                                        .code()
                                        .get(0)
                                        .instructions())
                                .instructions()
                                .stream()
                                .map(Instruction::toString))
                .containsExactly(
                        "local.get 0",
                        "i32.const 0",
                        "i32.const 8",
                        "memory.copy 0 0",
                        "unreachable",
                        "local.get 0",
                        "drop",
                        "end");
    }

    @Test
    void v02RejectsWhatParityWasmCannotDecode() {
        byte[] wasm = Wat.compile(
                "(module (memory 1) (data \"a\") (data \"b\") (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))))");
        assertThatThrownBy(() ->
                        GasMeteringInjector.inject(wasm, ConstantCostRules.defaults(), "env", InstrumentVersion.V0_2))
                .isInstanceOf(InstrumentationException.class)
                .hasMessageContaining("parity-wasm");
        assertThat(GasMeteringInjector.inject(wasm, ConstantCostRules.defaults(), "env"))
                .isNotEmpty();
    }

    @Test
    void v02StackCostCountsLocalsNotGroups() throws IOException {
        // fixture many_locals declares 3 locals in 2 groups: 0.2 charges 3 + 2 = 5 (as its expectation file shows), 0.4
        // charges 2 + 2 = 4
        byte[] input = Wat.compile(Files.readString(
                SharedData.directory().resolve("wasm-instrument/fixtures/stack-height/many_locals.wat")));
        assertThat(body(StackLimiterInjector.inject(input, 1024, InstrumentVersion.V0_4), 1))
                .contains("i32.const 4")
                .doesNotContain("i32.const 5");
        assertThat(body(StackLimiterInjector.inject(input, 1024, InstrumentVersion.V0_2), 1))
                .contains("i32.const 5")
                .doesNotContain("i32.const 4");
    }
}
