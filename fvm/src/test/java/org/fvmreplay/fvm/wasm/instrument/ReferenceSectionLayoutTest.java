package org.fvmreplay.fvm.wasm.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.ByteWriter;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.junit.jupiter.api.Test;

/** fvm-wasm-instrument 0.4 keeps one section per id: only the last custom section survives, and it is written first. */
class ReferenceSectionLayoutTest {
    private static Section custom(String name) {
        return new Section(
                Section.CUSTOM,
                new ByteWriter().writeName(name).writeBytes(new byte[] {7}).toByteArray());
    }

    @Test
    void onlyTheLastCustomSectionSurvivesAndMovesToTheFront() {
        List<Section> sections = new ArrayList<>(
                WasmModule.decode(Wat.compile("(module (func))")).sections());
        sections.add(0, custom("first"));
        sections.add(custom("last"));
        byte[] input = new WasmModule(sections).encode();

        List<Section> output = WasmModule.decode(GasMeteringInjector.inject(input, ConstantCostRules.defaults(), "env"))
                .sections();
        assertThat(output.get(0)).isEqualTo(custom("last"));
        assertThat(output).filteredOn(section -> section.id() == Section.CUSTOM).hasSize(1);
        assertThat(output)
                .extracting(Section::id)
                .containsExactly(Section.CUSTOM, Section.TYPE, Section.IMPORT, Section.FUNCTION, Section.CODE);
    }
}
