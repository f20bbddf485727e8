package org.fvmreplay.fvm.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.fvmreplay.fvm.wasm.binary.Limits;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.WasmModule;

/**
 * Lowers each defined memory's maximum to the instance limit. The reference enforces the limit with a resource limiter
 * that refuses growth, so {@code memory.grow} returns -1; a declared maximum has exactly that effect, and it works on both
 * engines (wasmtime-java exposes no resource limiter). Done after instrumentation, so gas is unaffected.
 */
public final class MemoryLimitRewriter {
    private MemoryLimitRewriter() {}

    /** Module bytes whose memories cannot grow beyond {@code maxPages}; unchanged bytes if already within. */
    public static byte[] limitMemory(byte[] wasm, int maxPages) {
        WasmModule module = WasmModule.decode(wasm);
        Section memorySection = module.section(Section.MEMORY).orElse(null);
        if (memorySection == null) {
            return wasm;
        }
        List<Limits> memories = SectionCodec.decodeMemories(memorySection);
        boolean changed = false;
        List<Limits> limited = new ArrayList<>(memories.size());
        for (Limits limits : memories) {
            if (limits.maximum().isPresent() && limits.maximum().getAsLong() <= maxPages) {
                limited.add(limits);
                continue;
            }
            // a minimum above the limit is left for instantiation to reject, as the reference does
            long maximum = Math.max(maxPages, limits.minimum());
            limited.add(new Limits(limits.flags() | 1, limits.minimum(), OptionalLong.of(maximum)));
            changed = true;
        }
        if (!changed) {
            return wasm;
        }
        List<Section> sections = new ArrayList<>();
        for (Section section : module.sections()) {
            sections.add(section.id() == Section.MEMORY ? new Section(Section.MEMORY, encode(limited)) : section);
        }
        return new WasmModule(sections).encode();
    }

    /** Largest initial size, in pages, among the module's defined memories (0 without memory). */
    public static long initialPages(byte[] wasm) {
        return WasmModule.decode(wasm).memories().stream()
                .mapToLong(Limits::minimum)
                .max()
                .orElse(0);
    }

    /** Initial elements of all the module's defined tables together (0 without tables). */
    public static long initialTableElements(byte[] wasm) {
        return WasmModule.decode(wasm).tables().stream()
                .mapToLong(table -> table.limits().minimum())
                .sum();
    }

    private static byte[] encode(List<Limits> memories) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeUnsigned(out, memories.size());
        for (Limits limits : memories) {
            out.write(limits.flags());
            writeUnsigned(out, limits.minimum());
            if (limits.maximum().isPresent()) {
                writeUnsigned(out, limits.maximum().getAsLong());
            }
        }
        return out.toByteArray();
    }

    private static void writeUnsigned(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
