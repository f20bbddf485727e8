package org.fvmreplay.fvm.wasm.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fvmreplay.fvm.wasm.Wat;
import org.junit.jupiter.api.Test;

class WasmCodecTest {
    @Test
    void lebRoundTripsAtBoundaries() {
        long[] signed = {
            0, 1, -1, 63, 64, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE
        };
        for (long value : signed) {
            byte[] bytes = new ByteWriter().writeSigned(value).toByteArray();
            assertThat(new ByteReader(bytes).readSigned(64)).as("s64 %d", value).isEqualTo(value);
        }
        assertThat(new ByteWriter().writeSigned(-64).toByteArray()).containsExactly(0x40);
        assertThat(new ByteWriter().writeSigned(64).toByteArray()).containsExactly(0xC0, 0x00);
        assertThat(new ByteWriter().writeU32(0xFFFFFFFFL).toByteArray()).containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        assertThat(new ByteReader(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}).readU32())
                .isEqualTo(-1);
    }

    @Test
    void paddedLebIsAcceptedAndReencodedCanonically() {
        // call 3 with the 5-byte padded index linkers emit for relocations
        byte[] body = {0x10, (byte) 0x83, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, 0x0B};
        List<Instruction> instructions = InstructionCodec.decodeExpression(new ByteReader(body));
        assertThat(instructions).containsExactly(Instruction.call(3), Instruction.of(Opcode.END));
        ByteWriter out = new ByteWriter();
        InstructionCodec.encodeAll(instructions, out);
        assertThat(out.toByteArray()).containsExactly(0x10, 0x03, 0x0B);
    }

    @Test
    void overlongAndOverflowingLebAreRejectedWithOffset() {
        assertThatThrownBy(() -> new ByteReader(
                                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00})
                        .readU32())
                .isInstanceOf(WasmFormatException.class)
                .hasMessageContaining("offset 0x0");
        assertThatThrownBy(() ->
                        new ByteReader(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x1F}).readU32())
                .isInstanceOf(WasmFormatException.class)
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> new ByteReader(new byte[] {(byte) 0x80}).readU32())
                .isInstanceOf(WasmFormatException.class)
                .hasMessageContaining("unexpected end of data");
    }

    @Test
    void everySectionKindRoundTrips() {
        byte[] wasm = Wat.compile("""
                (module
                  (type $t (func (param i32 i64) (result f64)))
                  (import "env" "f" (func $imp (type $t)))
                  (import "env" "g" (global $ig (mut i64)))
                  (import "env" "mem" (memory 1 2))
                  (table 3 7 funcref)
                  (global $g (mut i32) (i32.const -5))
                  (global $h f32 (f32.const 1.25))
                  (export "run" (func $run))
                  (export "g" (global $g))
                  (start $init)
                  (elem (i32.const 1) $run $init)
                  (elem declare func $run)
                  (data (i32.const 16) "hello")
                  (data "passive")
                  (func $init)
                  (func $run (param i32) (result i32) (local i64 i64) (local f32)
                    (block $out
                      (loop $again
                        (br_table $out $again $out (local.get 0))))
                    (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 3))
                    (data.drop 1)
                    (i64.store offset=8 align=4 (i32.const 0) (i64.const -1))
                    (f64.const -0.5) (drop)
                    (i32.trunc_sat_f64_u (f64.const 3.5))))""");
        WasmModule module = WasmModule.decode(wasm);
        assertThat(module.encode()).isEqualTo(wasm);
        assertThat(module.imports()).hasSize(3);
        assertThat(module.globals().get(0).init())
                .containsExactly(Instruction.i32Const(-5), Instruction.of(Opcode.END));
        assertThat(module.start()).contains(1);
        assertThat(module.elements()).hasSize(2);
        assertThat(module.elements().get(1).mode()).isEqualTo(ElementSegment.Mode.DECLARED);
        assertThat(module.data()).hasSize(2);
        assertThat(module.data().get(1).active()).isFalse();
        FunctionBody run = module.code().get(1);
        assertThat(run.locals()).containsExactly(new LocalGroup(2, ValueType.I64), new LocalGroup(1, ValueType.F32));
        assertThat(run.instructions().stream().map(Instruction::toString))
                .contains("br_table [1, 0] 1", "memory.init 1 0", "i64.store 2 8");
        for (Section section : module.sections()) {
            Section reencoded = switch (section.id()) {
                case Section.TYPE -> SectionCodec.encodeTypes(SectionCodec.decodeTypes(section));
                case Section.IMPORT -> SectionCodec.encodeImports(SectionCodec.decodeImports(section));
                case Section.FUNCTION -> SectionCodec.encodeFunctions(SectionCodec.decodeFunctions(section));
                case Section.GLOBAL -> SectionCodec.encodeGlobals(SectionCodec.decodeGlobals(section));
                case Section.EXPORT -> SectionCodec.encodeExports(SectionCodec.decodeExports(section));
                case Section.START -> SectionCodec.encodeStart(SectionCodec.decodeStart(section));
                case Section.ELEMENT -> SectionCodec.encodeElements(SectionCodec.decodeElements(section));
                case Section.CODE -> SectionCodec.encodeCode(SectionCodec.decodeCode(section));
                default -> section;
            };
            assertThat(reencoded).as("section %d", section.id()).isEqualTo(section);
        }
    }

    @Test
    void customSectionsAreKeptInPlace() {
        Section custom = new Section(
                Section.CUSTOM,
                new ByteWriter()
                        .writeName("producers")
                        .writeBytes(new byte[] {1, 2, 3})
                        .toByteArray());
        WasmModule module = new WasmModule(List.of(SectionCodec.encodeTypes(List.of()), custom));
        WasmModule decoded = WasmModule.decode(module.encode());
        assertThat(decoded.sections()).containsExactly(SectionCodec.encodeTypes(List.of()), custom);
        assertThat(decoded.sections().get(1).customName()).isEqualTo("producers");
    }

    @Test
    void truncatedSectionIsReportedWithOffset() {
        byte[] wasm = {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 10, 0};
        assertThatThrownBy(() -> WasmModule.decode(wasm))
                .isInstanceOf(WasmFormatException.class)
                .hasMessageContaining("exceeds the 1 remaining bytes")
                .hasMessageContaining("offset 0xa");
    }
}
