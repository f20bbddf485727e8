package org.fvmreplay.fvm.wasm.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.fvmreplay.fvm.wasm.SharedData;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.ElementSegment;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.fvm.wasm.instrument.stack.StackLimiterInjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fvm-wasm-instrument's diff tests (tests/diff.rs): each fixture instrumented with the reference parameters
 * (gas: ConstantCostRules::default(), module "env"; stack height: limit 1024) must equal the expectation.
 * Both sides are compiled with wat2wasm; custom sections and empty sections are ignored, because the expectations were
 * printed by wasmprinter (which prints neither) while the reference output carries the input's name section and the
 * empty export/element sections the stack limiter always writes. Byte-exactness of the full output, including those
 * sections, is checked against the reference crate itself on real actors in {@link ActorBundleInstrumentationTest}.
 */
class InstrumentationFixtureTest {
    private static final Path ROOT = SharedData.directory().resolve("wasm-instrument");

    static Stream<String> gasFixtures() throws IOException {
        return fixtureNames("gas");
    }

    static Stream<String> stackHeightFixtures() throws IOException {
        return fixtureNames("stack-height");
    }

    private static Stream<String> fixtureNames(String kind) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("fixtures").resolve(kind))) {
            return files
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".wat"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void allTwelveReferencePairsArePresent() throws IOException {
        assertThat(gasFixtures().count() + stackHeightFixtures().count()).isEqualTo(12);
    }

    @ParameterizedTest
    @MethodSource("gasFixtures")
    void gasMeteringMatchesReference(String name) {
        byte[] input = compile("fixtures/gas/" + name);
        byte[] actual = GasMeteringInjector.inject(input, ConstantCostRules.defaults(), "env");
        assertSameModule(actual, compile("expectations/gas/" + name));
    }

    @ParameterizedTest
    @MethodSource("stackHeightFixtures")
    void stackLimiterMatchesReference(String name) {
        byte[] input = compile("fixtures/stack-height/" + name);
        byte[] actual = StackLimiterInjector.inject(input, 1024);
        assertSameModule(actual, compile("expectations/stack-height/" + name));
    }

    static byte[] compile(String relative) {
        try {
            return Wat.compile(Files.readString(ROOT.resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertSameModule(byte[] actual, byte[] expected) {
        assertThat(describe(actual)).isEqualTo(describe(expected));
        assertThat(normalize(actual)).isEqualTo(normalize(expected));
    }

    /**
     * Sections without custom and empty ones; element segments of table 0 in the short form (flags 0), because the text
     * format cannot tell the reference's explicit form (flags 2, table 0) apart. Everything else is kept byte for byte.
     */
    static byte[] normalize(byte[] wasm) {
        List<Section> kept = new ArrayList<>();
        for (Section section : WasmModule.decode(wasm).sections()) {
            if (section.id() == Section.CUSTOM || (section.payload().length == 1 && section.payload()[0] == 0)) {
                continue;
            }
            if (section.id() == Section.ELEMENT) {
                section = SectionCodec.encodeElements(SectionCodec.decodeElements(section).stream()
                        .map(segment -> segment.tableIndex() == 0
                                ? new ElementSegment(
                                        segment.mode(),
                                        false,
                                        0,
                                        segment.offset(),
                                        segment.elementType(),
                                        segment.usesExpressions(),
                                        segment.functionIndices(),
                                        segment.expressions())
                                : segment)
                        .toList());
            }
            kept.add(section);
        }
        return new WasmModule(kept).encode();
    }

    /** Human-readable form for failure messages: section hex plus decoded function bodies. */
    private static List<String> describe(byte[] wasm) {
        WasmModule module = WasmModule.decode(normalize(wasm));
        List<String> lines = new ArrayList<>();
        for (Section section : module.sections()) {
            if (section.id() == Section.CODE) {
                SectionCodec.decodeCode(section)
                        .forEach(body -> lines.add("code " + body.locals() + " " + body.instructions()));
            } else {
                lines.add("section " + section.id() + " " + HexFormat.of().formatHex(section.payload()));
            }
        }
        return lines;
    }
}
