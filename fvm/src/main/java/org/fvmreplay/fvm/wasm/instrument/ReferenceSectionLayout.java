package org.fvmreplay.fvm.wasm.instrument;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.WasmModule;

/**
 * Mutable section table with the exact layout rules of fvm-wasm-instrument's {@code ModuleInfo}: one slot per section id
 * (so of several custom sections only the last survives), emitted in a fixed order with the custom section first.
 * Instrumented modules must match the reference byte for byte, so these quirks are reproduced on purpose.
 */
public final class ReferenceSectionLayout {
    private static final int[] EMIT_ORDER = {
        Section.CUSTOM, Section.TYPE, Section.IMPORT, Section.FUNCTION, Section.TABLE, Section.MEMORY, Section.GLOBAL,
        Section.EXPORT, Section.START, Section.ELEMENT, Section.DATA_COUNT, Section.CODE, Section.DATA, Section.TAG
    };

    private final TreeMap<Integer, Section> sections = new TreeMap<>();

    public ReferenceSectionLayout(WasmModule module) {
        for (Section section : requireNonNull(module, "module is null").sections()) {
            sections.put(section.id(), section);
        }
    }

    public Optional<Section> get(int id) {
        return Optional.ofNullable(sections.get(id));
    }

    public void put(Section section) {
        sections.put(section.id(), requireNonNull(section, "section is null"));
    }

    /** Current sections decoded as a module (sections in emission order). */
    public WasmModule toModule() {
        List<Section> ordered = new ArrayList<>();
        for (int id : EMIT_ORDER) {
            Section section = sections.get(id);
            if (section != null) {
                ordered.add(section);
            }
        }
        return new WasmModule(ordered);
    }

    public byte[] bytes() {
        return toModule().encode();
    }
}
