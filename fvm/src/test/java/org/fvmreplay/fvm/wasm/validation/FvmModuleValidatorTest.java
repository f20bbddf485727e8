package org.fvmreplay.fvm.wasm.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.fvm.wasm.binary.ByteWriter;
import org.fvmreplay.fvm.wasm.binary.Export;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmFeature;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.junit.jupiter.api.Test;

class FvmModuleValidatorTest {
    /** Module with one {@code () -> ()} function named {@code name} (name section) whose raw body bytes follow the locals. */
    private static byte[] functionWithRawBody(String name, int... body) {
        ByteWriter code = new ByteWriter().writeU32(0);
        for (int b : body) {
            code.writeByte(b);
        }
        byte[] bodyBytes = code.toByteArray();
        Section codeSection = new Section(
                Section.CODE, new ByteWriter().writeU32(1).writeSized(bodyBytes).toByteArray());
        ByteWriter names = new ByteWriter().writeU32(1).writeU32(0).writeName(name);
        Section nameSection = new Section(
                Section.CUSTOM,
                new ByteWriter()
                        .writeName("name")
                        .writeByte(1)
                        .writeSized(names.toByteArray())
                        .toByteArray());
        List<Section> sections = new ArrayList<>();
        sections.add(SectionCodec.encodeTypes(List.of(new FuncType(List.of(), List.of()))));
        sections.add(SectionCodec.encodeFunctions(List.of(0)));
        sections.add(new Section(Section.MEMORY, new byte[] {1, 0, 1}));
        sections.add(codeSection);
        sections.add(nameSection);
        return new WasmModule(sections).encode();
    }

    @Test
    void acceptsMvpWithBulkMemorySignExtensionAndSaturatingTruncation() {
        assertThatCode(() -> FvmModuleValidator.validate(Wat.compile("""
                (module
                  (memory 1)
                  (global $g (mut i32) (i32.const 0))
                  (func (export "f") (param i32) (result i32)
                    (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))
                    (memory.fill (i32.const 0) (i32.const 0) (i32.const 4))
                    (global.set $g (i32.extend8_s (local.get 0)))
                    (i32.trunc_sat_f32_s (f32.const 1.5))))"""))).doesNotThrowAnyException();
    }

    @Test
    void simdIsRejectedNamingFunction() {
        // v128.const (0xfd 0x0c) followed by 16 bytes
        byte[] wasm = functionWithRawBody(
                "vector_math", 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.SIMD))
                .hasMessageContaining("function 0 (vector_math)")
                .hasMessageContaining("'simd'");
    }

    @Test
    void atomicsAreRejectedAsThreads() {
        byte[] wasm = functionWithRawBody("fence", 0xFE, 0x03, 0x00, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.THREADS))
                .hasMessageContaining("function 0 (fence)");
    }

    @Test
    void tailCallIsRejectedNamingFunction() {
        byte[] wasm = functionWithRawBody("recurse", 0x12, 0x00, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.TAIL_CALL))
                .hasMessageContaining("function 0 (recurse), instruction 0")
                .hasMessageContaining("return_call");
    }

    @Test
    void multiValueBlockTypeIsRejected() {
        // block (type 0) end end
        byte[] wasm = functionWithRawBody("pair", 0x02, 0x00, 0x0B, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.MULTI_VALUE))
                .hasMessageContaining("function 0 (pair)");
    }

    @Test
    void multiValueResultsAreRejected() {
        byte[] wasm = Wat.compile("(module (func $two (result i32 i32) i32.const 1 i32.const 2))");
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.MULTI_VALUE))
                .hasMessageContaining("type 0 (2 results)");
    }

    @Test
    void tableLimitIsTwentyThousandElements() {
        assertThatCode(() -> FvmModuleValidator.validate(Wat.compile("(module (table 20000 funcref))")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FvmModuleValidator.validate(Wat.compile("(module (table 20001 funcref))")))
                .isInstanceOf(WasmValidationException.class)
                .hasMessageContaining("table minimum 20001 exceeds the FVM limit of 20000 elements");
    }

    @Test
    void atMostOneTable() {
        assertThatThrownBy(
                        () -> FvmModuleValidator.validate(Wat.compile("(module (table 1 funcref) (table 1 funcref))")))
                .isInstanceOf(WasmValidationException.class)
                .hasMessageContaining("more than 1 table");
    }

    @Test
    void sharedAndSixtyFourBitMemoriesAreRejected() {
        byte[] shared = new WasmModule(List.of(new Section(Section.MEMORY, new byte[] {1, 3, 1, 1}))).encode();
        assertThatThrownBy(() -> FvmModuleValidator.validate(shared))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.THREADS));
        byte[] wide = new WasmModule(List.of(new Section(Section.MEMORY, new byte[] {1, 4, 1}))).encode();
        assertThatThrownBy(() -> FvmModuleValidator.validate(wide))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.MEMORY64));
    }

    @Test
    void secondMemoryNeedsMultiMemory() {
        byte[] twoMemories = new WasmModule(List.of(new Section(Section.MEMORY, new byte[] {2, 0, 1, 0, 1}))).encode();
        assertThatThrownBy(() -> FvmModuleValidator.validate(twoMemories))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.MULTI_MEMORY));
    }

    @Test
    void extendedConstantExpressionsAreRejected() {
        // global i32 = i32.const 1; i32.const 2; i32.add; end
        byte[] wasm = new WasmModule(
                        List.of(new Section(Section.GLOBAL, new byte[] {1, 0x7F, 0, 0x41, 1, 0x41, 2, 0x6A, 0x0B})))
                .encode();
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOfSatisfying(
                        WasmValidationException.class,
                        e -> assertThat(e.feature()).contains(WasmFeature.EXTENDED_CONST))
                .hasMessageContaining("global 0");
    }

    @Test
    void memoryInitNeedsDataCountSection() {
        // i32.const 0 x3; memory.init 0 0; end  (no data count section)
        byte[] wasm = functionWithRawBody("init", 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 8, 0, 0, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOf(WasmValidationException.class)
                .hasMessageContaining("memory.init requires a data count section");
    }

    @Test
    void reportsOutOfRangeIndices() {
        byte[] wasm = functionWithRawBody("caller", 0x10, 0x05, 0x0B);
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm))
                .isInstanceOf(WasmValidationException.class)
                .hasMessageContaining("function 0 (caller), instruction 0: refers to function 5 but the module has 1");
    }

    @Test
    void exportNameUsedWhenNoNameSection() {
        byte[] wasm = new WasmModule(List.of(
                        SectionCodec.encodeTypes(List.of(new FuncType(List.of(), List.of(ValueType.I32)))),
                        SectionCodec.encodeFunctions(List.of(0)),
                        SectionCodec.encodeExports(List.of(new Export("invoke", ExternalKind.FUNCTION, 0))),
                        new Section(Section.CODE, new byte[] {1, 4, 0, 0x12, 0, 0x0B})))
                .encode();
        assertThatThrownBy(() -> FvmModuleValidator.validate(wasm)).hasMessageContaining("function 0 (invoke)");
    }

    @Test
    void garbageIsReportedWithOffset() {
        assertThatThrownBy(() -> FvmModuleValidator.validate(new byte[] {0, 0x61, 0x73, 0x6D, 2, 0, 0, 0}))
                .isInstanceOf(WasmValidationException.class)
                .hasMessageContaining("bad magic number or version")
                .hasMessageContaining("offset 0x4");
    }
}
