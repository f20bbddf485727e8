package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Instruction prices per class, from the reference's {@code Rules for WasmGasPrices} (release/v2 lines 697-724, v3 991-1294). */
class WasmGasPricesTest {
    private static final WasmGasPrices SKYR = PriceLists.byName(PriceLists.SKYR).wasmGasPrices();
    private static final WasmGasPrices OH_SNAP =
            PriceLists.byName(PriceLists.OH_SNAP).wasmGasPrices();
    private static final WasmGasPrices HYGGE =
            PriceLists.byName(PriceLists.HYGGE).wasmGasPrices();

    @Test
    void v2PricesEveryNonFreeInstructionAlike() {
        assertThat(SKYR.cost(WasmInstructionClass.FREE)).isEqualTo(new WasmInstructionCost.Fixed(0));
        for (WasmInstructionClass instructionClass : WasmInstructionClass.values()) {
            if (instructionClass != WasmInstructionClass.FREE) {
                // exec_instruction_cost Gas::new(4); memory.grow is MemoryGrowCost::Free (no per-page part)
                assertThat(SKYR.cost(instructionClass))
                        .as(instructionClass.name())
                        .isEqualTo(new WasmInstructionCost.Fixed(4000));
            }
            // OH_SNAP: exec_instruction_cost zero makes everything free
            assertThat(OH_SNAP.cost(instructionClass)).isEqualTo(new WasmInstructionCost.Fixed(0));
        }
    }

    @Test
    void v3Prices() {
        assertThat(HYGGE.cost(WasmInstructionClass.FREE)).isEqualTo(new WasmInstructionCost.Fixed(0));
        assertThat(HYGGE.cost(WasmInstructionClass.DEFAULT)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        assertThat(HYGGE.cost(WasmInstructionClass.MATH)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        assertThat(HYGGE.cost(WasmInstructionClass.JUMP_INDIRECT)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        // call = jump_unconditional 4 gas + call 0
        assertThat(HYGGE.cost(WasmInstructionClass.CALL)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        assertThat(HYGGE.cost(WasmInstructionClass.LOAD)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        assertThat(HYGGE.cost(WasmInstructionClass.STORE)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        // memory.grow: 0.4 gas per byte * 65536 bytes per page
        assertThat(HYGGE.cost(WasmInstructionClass.MEMORY_GROW))
                .isEqualTo(new WasmInstructionCost.Linear(4000, 26_214_400));
        assertThat(HYGGE.cost(WasmInstructionClass.MEMORY_FILL)).isEqualTo(new WasmInstructionCost.Linear(4000, 400));
        assertThat(HYGGE.cost(WasmInstructionClass.MEMORY_COPY)).isEqualTo(new WasmInstructionCost.Linear(4000, 400));
        // tables: 8 bytes per element
        assertThat(HYGGE.cost(WasmInstructionClass.TABLE_FILL)).isEqualTo(new WasmInstructionCost.Linear(4000, 3200));
        assertThat(HYGGE.cost(WasmInstructionClass.TABLE_COPY)).isEqualTo(new WasmInstructionCost.Linear(4000, 3200));
        assertThat(HYGGE.cost(WasmInstructionClass.UNSUPPORTED)).isInstanceOf(WasmInstructionCost.Unsupported.class);
        assertThat(HYGGE.gasChargeCost()).isZero();
        assertThat(HYGGE.linearCalcCost()).isZero();
    }

    @Test
    void v4KeepsV3Prices() {
        // master's WATERMELON wasm_rules equal HYGGE's, and `impl Rules for WasmGasPrices` is unchanged from release/v3
        for (String name : new String[] {PriceLists.WATERMELON, PriceLists.TEEP}) {
            WasmGasPrices v4 = PriceLists.byName(name).wasmGasPrices();
            assertThat(v4.generation()).isEqualTo(FvmGeneration.V4);
            for (WasmInstructionClass instructionClass : WasmInstructionClass.values()) {
                assertThat(v4.cost(instructionClass))
                        .as(instructionClass.name())
                        .isEqualTo(HYGGE.cost(instructionClass));
            }
            assertThat(v4.gasChargeCost()).isZero();
            assertThat(v4.linearCalcCost()).isZero();
        }
    }

    @Test
    void zeroPerUnitMakesLinearFixedAndU32OverflowIsRejected() {
        WasmGasPrices free = new WasmGasPrices(FvmGeneration.V3, 0, 4000, 4000, 4000, 4000, 4000, 0, 0, 0, 0, 0);
        assertThat(free.cost(WasmInstructionClass.MEMORY_GROW)).isEqualTo(new WasmInstructionCost.Fixed(4000));
        // 100 gas per byte * 65536 exceeds u32 milligas per page
        WasmGasPrices costly =
                new WasmGasPrices(FvmGeneration.V3, 0, 4000, 4000, 4000, 4000, 4000, 0, 0, 100_000, 0, 0);
        assertThat(costly.cost(WasmInstructionClass.MEMORY_GROW)).isInstanceOf(WasmInstructionCost.Unsupported.class);
        assertThat(((WasmInstructionCost.Unsupported) costly.cost(WasmInstructionClass.MEMORY_GROW)).reason())
                .contains("exceeds u32");
    }
}
