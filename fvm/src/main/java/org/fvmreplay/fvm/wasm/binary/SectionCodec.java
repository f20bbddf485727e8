package org.fvmreplay.fvm.wasm.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decodes section payloads into the model and encodes them back. Encoding is canonical and follows wasm-encoder 0.20's
 * choices (e.g. element segment flags), so that rewritten sections are byte-identical to fvm-wasm-instrument's.
 */
public final class SectionCodec {
    private SectionCodec() {}

    private static void expectEnd(ByteReader reader, String what) {
        if (!reader.atEnd()) {
            throw reader.error(what + " section has " + reader.remaining() + " trailing bytes");
        }
    }

    public static List<FuncType> decodeTypes(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<FuncType> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int form = reader.readByte();
            if (form != 0x60) {
                throw new UnsupportedFeatureException(
                        reader.offset() - 1,
                        WasmFeature.GC,
                        "type " + i + " is not a function type (form 0x" + Integer.toHexString(form) + ")");
            }
            types.add(new FuncType(readValueTypes(reader), readValueTypes(reader)));
        }
        expectEnd(reader, "type");
        return types;
    }

    private static List<ValueType> readValueTypes(ByteReader reader) {
        int count = reader.readCount();
        List<ValueType> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(ValueType.fromCode(reader.readByte(), reader));
        }
        return types;
    }

    public static Section encodeTypes(List<FuncType> types) {
        ByteWriter out = new ByteWriter().writeU32(types.size());
        for (FuncType type : types) {
            out.writeByte(0x60);
            writeValueTypes(out, type.params());
            writeValueTypes(out, type.results());
        }
        return new Section(Section.TYPE, out.toByteArray());
    }

    private static void writeValueTypes(ByteWriter out, List<ValueType> types) {
        out.writeU32(types.size());
        types.forEach(type -> out.writeByte(type.code()));
    }

    private static Limits readLimits(ByteReader reader, boolean memory) {
        long start = reader.offset();
        int flags = reader.readByte();
        if (flags > (memory ? 0x0F : 0x01)) {
            throw new WasmFormatException(start, "bad limits flags 0x" + Integer.toHexString(flags));
        }
        boolean wide = (flags & 0x04) != 0;
        long minimum = wide ? reader.readU64() : Integer.toUnsignedLong(reader.readU32());
        OptionalLong maximum = OptionalLong.empty();
        if ((flags & 0x01) != 0) {
            maximum = OptionalLong.of(wide ? reader.readU64() : Integer.toUnsignedLong(reader.readU32()));
        }
        if ((flags & 0x08) != 0) {
            // custom page size: log2 of the page size follows; kept so validation can reject it by name
            reader.readU32();
        }
        return new Limits(flags, minimum, maximum);
    }

    private static void writeLimits(ByteWriter out, Limits limits) {
        int flags = (limits.maximum().isPresent() ? 1 : 0) | (limits.shared() ? 2 : 0) | (limits.memory64() ? 4 : 0);
        out.writeByte(flags);
        out.writeU64(limits.minimum());
        limits.maximum().ifPresent(out::writeU64);
    }

    private static TableType readTableType(ByteReader reader) {
        ValueType elementType = ValueType.fromCode(reader.readByte(), reader);
        return new TableType(elementType, readLimits(reader, false));
    }

    private static GlobalType readGlobalType(ByteReader reader) {
        ValueType type = ValueType.fromCode(reader.readByte(), reader);
        int mutability = reader.readByte();
        if (mutability > 1) {
            throw new WasmFormatException(
                    reader.offset() - 1, "bad global mutability 0x" + Integer.toHexString(mutability));
        }
        return new GlobalType(type, mutability == 1);
    }

    public static List<Import> decodeImports(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<Import> imports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String module = reader.readName();
            String name = reader.readName();
            ExternalKind kind = ExternalKind.fromCode(reader.readByte(), reader);
            imports.add(
                    switch (kind) {
                        case FUNCTION -> Import.function(module, name, reader.readCount());
                        case TABLE -> new Import(module, name, kind, 0, readTableType(reader), null, null);
                        case MEMORY -> new Import(module, name, kind, 0, null, readLimits(reader, true), null);
                        case GLOBAL -> Import.global(module, name, readGlobalType(reader));
                        case TAG ->
                            throw new UnsupportedFeatureException(
                                    reader.offset(),
                                    WasmFeature.EXCEPTIONS,
                                    "import " + i + " (" + module + "." + name + ") is a tag");
                    });
        }
        expectEnd(reader, "import");
        return imports;
    }

    public static Section encodeImports(List<Import> imports) {
        ByteWriter out = new ByteWriter().writeU32(imports.size());
        for (Import imported : imports) {
            out.writeName(imported.module())
                    .writeName(imported.name())
                    .writeByte(imported.kind().ordinal());
            switch (imported.kind()) {
                case FUNCTION, TAG -> out.writeU32(imported.typeIndex());
                case TABLE -> {
                    out.writeByte(imported.table().elementType().code());
                    writeLimits(out, imported.table().limits());
                }
                case MEMORY -> writeLimits(out, imported.memory());
                case GLOBAL ->
                    out.writeByte(imported.global().valueType().code())
                            .writeByte(imported.global().mutable() ? 1 : 0);
            }
        }
        return new Section(Section.IMPORT, out.toByteArray());
    }

    public static List<Integer> decodeFunctions(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<Integer> functions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            functions.add(reader.readCount());
        }
        expectEnd(reader, "function");
        return functions;
    }

    public static Section encodeFunctions(List<Integer> typeIndices) {
        ByteWriter out = new ByteWriter().writeU32(typeIndices.size());
        typeIndices.forEach(index -> out.writeU32(index));
        return new Section(Section.FUNCTION, out.toByteArray());
    }

    public static List<TableType> decodeTables(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<TableType> tables = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tables.add(readTableType(reader));
        }
        expectEnd(reader, "table");
        return tables;
    }

    public static List<Limits> decodeMemories(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<Limits> memories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            memories.add(readLimits(reader, true));
        }
        expectEnd(reader, "memory");
        return memories;
    }

    public static List<Global> decodeGlobals(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<Global> globals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GlobalType type = readGlobalType(reader);
            globals.add(new Global(type, InstructionCodec.decodeExpression(reader)));
        }
        expectEnd(reader, "global");
        return globals;
    }

    public static Section encodeGlobals(List<Global> globals) {
        ByteWriter out = new ByteWriter().writeU32(globals.size());
        for (Global global : globals) {
            out.writeByte(global.type().valueType().code())
                    .writeByte(global.type().mutable() ? 1 : 0);
            InstructionCodec.encodeAll(global.init(), out);
        }
        return new Section(Section.GLOBAL, out.toByteArray());
    }

    public static List<Export> decodeExports(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<Export> exports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = reader.readName();
            ExternalKind kind = ExternalKind.fromCode(reader.readByte(), reader);
            exports.add(new Export(name, kind, reader.readCount()));
        }
        expectEnd(reader, "export");
        return exports;
    }

    public static Section encodeExports(List<Export> exports) {
        ByteWriter out = new ByteWriter().writeU32(exports.size());
        for (Export export : exports) {
            out.writeName(export.name()).writeByte(export.kind().ordinal()).writeU32(export.index());
        }
        return new Section(Section.EXPORT, out.toByteArray());
    }

    public static int decodeStart(Section section) {
        ByteReader reader = section.reader();
        int index = reader.readCount();
        expectEnd(reader, "start");
        return index;
    }

    public static Section encodeStart(int functionIndex) {
        return new Section(
                Section.START, new ByteWriter().writeU32(functionIndex).toByteArray());
    }

    public static List<ElementSegment> decodeElements(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<ElementSegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = reader.offset();
            int flags = reader.readU32();
            if (flags < 0 || flags > 7) {
                throw new WasmFormatException(
                        start, "element segment " + i + " has bad flags " + Integer.toUnsignedString(flags));
            }
            boolean usesExpressions = (flags & 0x04) != 0;
            ElementSegment.Mode mode = (flags & 0x01) == 0
                    ? ElementSegment.Mode.ACTIVE
                    : (flags & 0x02) == 0 ? ElementSegment.Mode.PASSIVE : ElementSegment.Mode.DECLARED;
            int tableIndex = 0;
            List<Instruction> offset = null;
            if (mode == ElementSegment.Mode.ACTIVE) {
                if ((flags & 0x02) != 0) {
                    tableIndex = reader.readCount();
                }
                offset = InstructionCodec.decodeExpression(reader);
            }
            ValueType elementType = ValueType.FUNCREF;
            if ((flags & 0x03) != 0) {
                if (usesExpressions) {
                    elementType = ValueType.fromCode(reader.readByte(), reader);
                } else {
                    int elementKind = reader.readByte();
                    if (elementKind != 0) {
                        throw new WasmFormatException(
                                reader.offset() - 1,
                                "element segment " + i + " has unknown element kind " + elementKind);
                    }
                }
            }
            int itemCount = reader.readCount();
            List<Integer> functionIndices = new ArrayList<>();
            List<List<Instruction>> expressions = new ArrayList<>();
            for (int item = 0; item < itemCount; item++) {
                if (usesExpressions) {
                    expressions.add(InstructionCodec.decodeExpression(reader));
                } else {
                    functionIndices.add(reader.readCount());
                }
            }
            boolean explicitTable = mode == ElementSegment.Mode.ACTIVE && (flags & 0x02) != 0;
            segments.add(new ElementSegment(
                    mode,
                    explicitTable,
                    tableIndex,
                    offset,
                    elementType,
                    usesExpressions,
                    functionIndices,
                    expressions));
        }
        expectEnd(reader, "element");
        return segments;
    }

    /** Encodes like wasm-encoder 0.20: active segments use the short flags (0/4) unless {@code explicitTableIndex} (2/6). */
    public static Section encodeElements(List<ElementSegment> segments) {
        ByteWriter out = new ByteWriter().writeU32(segments.size());
        for (ElementSegment segment : segments) {
            int expressionBit = segment.usesExpressions() ? 0x04 : 0;
            switch (segment.mode()) {
                case ACTIVE -> {
                    if (!segment.explicitTableIndex() && segment.tableIndex() == 0) {
                        out.writeU32(expressionBit);
                        InstructionCodec.encodeAll(segment.offset(), out);
                    } else {
                        out.writeU32(0x02 | expressionBit);
                        out.writeU32(segment.tableIndex());
                        InstructionCodec.encodeAll(segment.offset(), out);
                        writeElementKind(out, segment);
                    }
                }
                case PASSIVE -> {
                    out.writeU32(0x01 | expressionBit);
                    writeElementKind(out, segment);
                }
                case DECLARED -> {
                    out.writeU32(0x03 | expressionBit);
                    writeElementKind(out, segment);
                }
            }
            out.writeU32(segment.size());
            if (segment.usesExpressions()) {
                segment.expressions().forEach(expression -> InstructionCodec.encodeAll(expression, out));
            } else {
                segment.functionIndices().forEach(index -> out.writeU32(index));
            }
        }
        return new Section(Section.ELEMENT, out.toByteArray());
    }

    private static void writeElementKind(ByteWriter out, ElementSegment segment) {
        out.writeByte(segment.usesExpressions() ? segment.elementType().code() : 0x00);
    }

    public static List<FunctionBody> decodeCode(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<FunctionBody> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteReader body = reader.slice(reader.readCount());
            try {
                bodies.add(decodeFunctionBody(body));
            } catch (UnsupportedFeatureException e) {
                throw new UnsupportedFeatureException(e.offset(), e.feature(), "in code body " + i + ": " + e.detail());
            } catch (WasmFormatException e) {
                throw new WasmFormatException(e.offset(), "in code body " + i + ": " + e.detail());
            }
        }
        expectEnd(reader, "code");
        return bodies;
    }

    /** Decodes one function body (locals and instructions) that must span the whole reader. */
    public static FunctionBody decodeFunctionBody(ByteReader body) {
        int groupCount = body.readCount();
        List<LocalGroup> locals = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            int localCount = body.readU32();
            locals.add(new LocalGroup(localCount, ValueType.fromCode(body.readByte(), body)));
        }
        List<Instruction> instructions = InstructionCodec.decodeExpression(body);
        if (!body.atEnd()) {
            throw body.error("trailing bytes after the final end");
        }
        return new FunctionBody(locals, instructions);
    }

    public static byte[] encodeFunctionBody(FunctionBody body) {
        ByteWriter out = new ByteWriter().writeU32(body.locals().size());
        for (LocalGroup group : body.locals()) {
            out.writeU32(group.count()).writeByte(group.type().code());
        }
        InstructionCodec.encodeAll(body.instructions(), out);
        return out.toByteArray();
    }

    public static Section encodeCode(List<FunctionBody> bodies) {
        ByteWriter out = new ByteWriter().writeU32(bodies.size());
        for (FunctionBody body : bodies) {
            out.writeSized(encodeFunctionBody(body));
        }
        return new Section(Section.CODE, out.toByteArray());
    }

    public static List<DataSegment> decodeData(Section section) {
        ByteReader reader = section.reader();
        int count = reader.readCount();
        List<DataSegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = reader.offset();
            int flags = reader.readU32();
            if (flags < 0 || flags > 2) {
                throw new WasmFormatException(
                        start, "data segment " + i + " has bad flags " + Integer.toUnsignedString(flags));
            }
            int memory = flags == 2 ? reader.readCount() : 0;
            List<Instruction> offset = flags == 1 ? null : InstructionCodec.decodeExpression(reader);
            int length = reader.readCount();
            long dataOffset = reader.offset();
            reader.slice(length);
            segments.add(new DataSegment(flags != 1, memory, offset, length, dataOffset));
        }
        expectEnd(reader, "data");
        return segments;
    }
}
