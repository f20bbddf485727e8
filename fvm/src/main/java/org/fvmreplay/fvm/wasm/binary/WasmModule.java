package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A WebAssembly module as its ordered list of sections; typed contents are decoded on demand with {@link SectionCodec}. */
public final class WasmModule {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private final List<Section> sections;

    public WasmModule(List<Section> sections) {
        this.sections = List.copyOf(requireNonNull(sections, "sections is null"));
    }

    public static WasmModule decode(byte[] binary) {
        requireNonNull(binary, "binary is null");
        ByteReader reader = new ByteReader(binary);
        for (int i = 0; i < HEADER.length; i++) {
            if (reader.atEnd() || reader.readByte() != (HEADER[i] & 0xFF)) {
                throw new WasmFormatException(i, "not a WebAssembly 1.0 module: bad magic number or version");
            }
        }
        List<Section> sections = new ArrayList<>();
        while (!reader.atEnd()) {
            long sectionStart = reader.offset();
            int id = reader.readByte();
            if (id > Section.TAG) {
                throw new WasmFormatException(sectionStart, "unknown section id " + id);
            }
            int size = reader.readCount();
            long payloadOffset = reader.offset();
            sections.add(new Section(id, reader.readBytes(size), payloadOffset));
        }
        return new WasmModule(sections);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter().writeBytes(HEADER);
        for (Section section : sections) {
            out.writeByte(section.id());
            out.writeSized(section.payload());
        }
        return out.toByteArray();
    }

    public List<Section> sections() {
        return sections;
    }

    /** The first non-custom section with this id (the binary format allows at most one). */
    public Optional<Section> section(int id) {
        return sections.stream().filter(section -> section.id() == id).findFirst();
    }

    public List<FuncType> types() {
        return section(Section.TYPE).map(SectionCodec::decodeTypes).orElse(List.of());
    }

    public List<Import> imports() {
        return section(Section.IMPORT).map(SectionCodec::decodeImports).orElse(List.of());
    }

    public List<Integer> functions() {
        return section(Section.FUNCTION).map(SectionCodec::decodeFunctions).orElse(List.of());
    }

    public List<TableType> tables() {
        return section(Section.TABLE).map(SectionCodec::decodeTables).orElse(List.of());
    }

    public List<Limits> memories() {
        return section(Section.MEMORY).map(SectionCodec::decodeMemories).orElse(List.of());
    }

    public List<Global> globals() {
        return section(Section.GLOBAL).map(SectionCodec::decodeGlobals).orElse(List.of());
    }

    public List<Export> exports() {
        return section(Section.EXPORT).map(SectionCodec::decodeExports).orElse(List.of());
    }

    public Optional<Integer> start() {
        return section(Section.START).map(SectionCodec::decodeStart);
    }

    public List<ElementSegment> elements() {
        return section(Section.ELEMENT).map(SectionCodec::decodeElements).orElse(List.of());
    }

    public List<FunctionBody> code() {
        return section(Section.CODE).map(SectionCodec::decodeCode).orElse(List.of());
    }

    public List<DataSegment> data() {
        return section(Section.DATA).map(SectionCodec::decodeData).orElse(List.of());
    }

    public long importCount(ExternalKind kind) {
        return imports().stream().filter(i -> i.kind() == kind).count();
    }

    /** Type index of every function in the function index space (imports first). */
    public List<Integer> functionTypeIndices() {
        List<Integer> result = new ArrayList<>();
        for (Import imported : imports()) {
            if (imported.kind() == ExternalKind.FUNCTION) {
                result.add(imported.typeIndex());
            }
        }
        result.addAll(functions());
        return result;
    }
}
