package org.fvmreplay.fvm.wasm.binary;

import java.util.ArrayList;
import java.util.List;

/** Decodes and encodes instruction sequences; encoding is canonical (shortest LEB128), like wasm-encoder's. */
public final class InstructionCodec {
    private InstructionCodec() {}

    /** Decodes instructions until the {@code end} that closes the outermost block (included in the result). */
    public static List<Instruction> decodeExpression(ByteReader reader) {
        List<Instruction> result = new ArrayList<>();
        int depth = 0;
        while (true) {
            Instruction instruction = decode(reader);
            result.add(instruction);
            switch (instruction.opcode()) {
                case BLOCK, LOOP, IF -> depth++;
                case END -> {
                    if (depth == 0) {
                        return result;
                    }
                    depth--;
                }
                default -> {}
            }
        }
    }

    public static Instruction decode(ByteReader reader) {
        long start = reader.offset();
        int first = reader.readByte();
        Opcode opcode;
        if (first == Opcode.MISC_PREFIX) {
            int sub = reader.readU32();
            opcode = Opcode.misc(sub);
            if (opcode == null) {
                throw new WasmFormatException(start, "unknown instruction 0xfc " + Integer.toUnsignedString(sub));
            }
        } else {
            opcode = Opcode.singleByte(first);
            if (opcode == null) {
                throw unknownOpcode(start, first);
            }
        }
        return switch (opcode.immediates()) {
            case NONE -> Instruction.of(opcode);
            case BLOCK_TYPE -> Instruction.of(opcode, reader.readSigned(33));
            case INDEX -> Instruction.of(opcode, Integer.toUnsignedLong(reader.readU32()));
            case INDEX_PAIR -> {
                long a = Integer.toUnsignedLong(reader.readU32());
                long b = Integer.toUnsignedLong(reader.readU32());
                yield Instruction.of(opcode, a, b);
            }
            case MEMARG -> {
                long align = Integer.toUnsignedLong(reader.readU32());
                if ((align & 0x40) != 0) {
                    throw new UnsupportedFeatureException(
                            start, WasmFeature.MULTI_MEMORY, opcode.mnemonic() + " names an explicit memory index");
                }
                yield Instruction.of(opcode, align, reader.readU64());
            }
            case I32 -> Instruction.of(opcode, reader.readSigned(32));
            case I64 -> Instruction.of(opcode, reader.readSigned(64));
            case F32 -> Instruction.of(opcode, Integer.toUnsignedLong(reader.readFixed32()));
            case F64 -> Instruction.of(opcode, reader.readFixed64());
            case BR_TABLE -> {
                int count = reader.readCount();
                List<Integer> labels = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    labels.add(reader.readU32());
                }
                long defaultLabel = Integer.toUnsignedLong(reader.readU32());
                yield new Instruction(opcode, defaultLabel, 0, labels);
            }
            case SELECT_TYPES -> {
                int count = reader.readCount();
                List<Integer> types = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    types.add(ValueType.fromCode(reader.readByte(), reader).code());
                }
                yield new Instruction(opcode, 0, 0, types);
            }
            case REF_TYPE ->
                Instruction.of(
                        opcode, ValueType.fromCode(reader.readByte(), reader).code());
        };
    }

    private static WasmFormatException unknownOpcode(long offset, int code) {
        return switch (code) {
            case 0xFD -> new UnsupportedFeatureException(offset, WasmFeature.SIMD, "SIMD instruction (prefix 0xfd)");
            case 0xFE ->
                new UnsupportedFeatureException(offset, WasmFeature.THREADS, "atomic instruction (prefix 0xfe)");
            case 0x06, 0x07, 0x08, 0x09, 0x18, 0x19, 0x0A, 0x1F ->
                new UnsupportedFeatureException(
                        offset,
                        WasmFeature.EXCEPTIONS,
                        "exception-handling instruction 0x" + Integer.toHexString(code));
            case 0x14, 0x15, 0xD3, 0xD4, 0xD5, 0xD6, 0xFB ->
                new UnsupportedFeatureException(
                        offset,
                        WasmFeature.GC,
                        "typed-function-reference/GC instruction 0x" + Integer.toHexString(code));
            default -> new WasmFormatException(offset, "unknown opcode 0x" + Integer.toHexString(code));
        };
    }

    public static void encode(Instruction instruction, ByteWriter out) {
        Opcode opcode = instruction.opcode();
        if (opcode.prefix() != 0) {
            out.writeByte(opcode.prefix());
            out.writeU32(opcode.code());
        } else {
            out.writeByte(opcode.code());
        }
        switch (opcode.immediates()) {
            case NONE -> {}
            case BLOCK_TYPE, I32, I64 -> out.writeSigned(instruction.first());
            case INDEX -> out.writeU32(instruction.first());
            case INDEX_PAIR -> out.writeU32(instruction.first()).writeU32(instruction.second());
            case MEMARG -> out.writeU32(instruction.first()).writeU64(instruction.second());
            case F32 -> out.writeFixed32((int) instruction.first());
            case F64 -> out.writeFixed64(instruction.first());
            case BR_TABLE -> {
                out.writeU32(instruction.labels().size());
                for (int label : instruction.labels()) {
                    out.writeU32(Integer.toUnsignedLong(label));
                }
                out.writeU32(instruction.first());
            }
            case SELECT_TYPES -> {
                out.writeU32(instruction.labels().size());
                instruction.labels().forEach(out::writeByte);
            }
            case REF_TYPE -> out.writeByte((int) instruction.first());
        }
    }

    public static void encodeAll(List<Instruction> instructions, ByteWriter out) {
        for (Instruction instruction : instructions) {
            encode(instruction, out);
        }
    }
}
