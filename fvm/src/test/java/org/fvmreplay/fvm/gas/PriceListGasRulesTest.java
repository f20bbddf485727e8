package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;
import org.fvmreplay.fvm.wasm.instrument.gas.InstructionCost;
import org.junit.jupiter.api.Test;

class PriceListGasRulesTest {
    @Test
    void everyOpcodeFallsInTheReferenceGroups() {
        Map<WasmInstructionClass, Integer> counts = new EnumMap<>(WasmInstructionClass.class);
        for (Opcode op : Opcode.values()) {
            counts.merge(PriceListGasRules.classOf(op), 1, Integer::sum);
        }
        // group sizes of ref-fvm release/v3 price_list.rs, restricted to the opcodes our decoder knows
        assertThat(counts)
                .containsEntry(WasmInstructionClass.FREE, 8)
                .containsEntry(WasmInstructionClass.DEFAULT, 21)
                .containsEntry(WasmInstructionClass.LOAD, 15)
                .containsEntry(WasmInstructionClass.STORE, 10)
                .containsEntry(WasmInstructionClass.UNSUPPORTED, 5);
        assertThat(PriceListGasRules.classOf(Opcode.I64_EXTEND_I32_S)).isEqualTo(WasmInstructionClass.MATH);
        assertThat(PriceListGasRules.classOf(Opcode.I64_EXTEND_I32_U)).isEqualTo(WasmInstructionClass.DEFAULT);
        assertThat(PriceListGasRules.classOf(Opcode.I32_TRUNC_SAT_F64_U)).isEqualTo(WasmInstructionClass.MATH);
        assertThat(PriceListGasRules.classOf(Opcode.F64_SQRT)).isEqualTo(WasmInstructionClass.MATH);
    }

    @Test
    void hyggeRulesPriceByGroup() {
        PriceListGasRules rules = PriceListGasRules.of(PriceLists.forNetworkVersion(18));
        WasmGasPrices p = PriceLists.forNetworkVersion(18).wasmGasPrices();
        assertThat(rules.instructionCost(Instruction.of(Opcode.I32_ADD)))
                .isEqualTo(InstructionCost.fixed(p.mathDefault()));
        assertThat(rules.instructionCost(Instruction.of(Opcode.LOCAL_GET, 0)))
                .isEqualTo(InstructionCost.fixed(p.instructionDefault()));
        assertThat(rules.instructionCost(Instruction.of(Opcode.NOP))).isEqualTo(InstructionCost.fixed(0));
        assertThat(rules.instructionCost(Instruction.of(Opcode.CALL, 0)))
                .isEqualTo(InstructionCost.fixed(p.jumpUnconditional() + p.call()));
        assertThat(rules.instructionCost(Instruction.of(Opcode.MEMORY_GROW, 0)))
                .isEqualTo(new InstructionCost.Linear(p.instructionDefault() + p.memoryFillBaseCost(), (int)
                        (p.memoryFillPerByteCost() * WasmGasPrices.WASM_PAGE_SIZE)));
        assertThatThrownBy(() -> rules.instructionCost(Instruction.of(Opcode.REF_FUNC, 0)))
                .isInstanceOf(InstrumentationException.class)
                .hasMessageContaining("ref.func");
    }

    @Test
    void v4RulesAreV3Rules() {
        PriceListGasRules hygge = PriceListGasRules.of(PriceLists.forNetworkVersion(18));
        for (int nv : new int[] {21, 25, 29}) {
            PriceListGasRules v4 = PriceListGasRules.of(PriceLists.forNetworkVersion(nv));
            for (Opcode op : Opcode.values()) {
                if (PriceListGasRules.classOf(op) == WasmInstructionClass.UNSUPPORTED) {
                    continue;
                }
                Instruction instruction = Instruction.of(op);
                assertThat(v4.instructionCost(instruction))
                        .as(op.mnemonic())
                        .isEqualTo(hygge.instructionCost(instruction));
            }
        }
    }

    @Test
    void skyrRulesChargeEveryNonFreeInstructionAlike() {
        PriceListGasRules rules = PriceListGasRules.of(PriceLists.forNetworkVersion(17));
        long exec = PriceLists.forNetworkVersion(17).wasmGasPrices().execInstructionCost();
        assertThat(exec).isPositive();
        assertThat(rules.instructionCost(Instruction.of(Opcode.I32_ADD))).isEqualTo(InstructionCost.fixed(exec));
        assertThat(rules.instructionCost(Instruction.of(Opcode.MEMORY_GROW, 0))).isEqualTo(InstructionCost.fixed(exec));
        assertThat(rules.instructionCost(Instruction.of(Opcode.END))).isEqualTo(InstructionCost.fixed(0));
    }
}
