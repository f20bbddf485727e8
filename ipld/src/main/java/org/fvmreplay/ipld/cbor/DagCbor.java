package org.fvmreplay.ipld.cbor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;

/** DAG-CBOR to and from the IPLD data model, strictly canonical. */
public final class DagCbor {
    /** Nesting deeper than this is rejected rather than risking a stack overflow on hostile input. */
    public static final int MAX_DEPTH = 512;

    private DagCbor() {}

    /** Decodes one complete block strictly. */
    public static IpldValue decode(byte[] block) {
        CborReader r = CborReader.strict(block);
        IpldValue v = read(r, 0);
        r.expectEnd();
        return v;
    }

    /** Decodes one complete block, tolerating non-canonical encodings. */
    public static IpldValue decodeLenient(byte[] block) {
        CborReader r = CborReader.lenient(block);
        IpldValue v = read(r, 0);
        r.expectEnd();
        return v;
    }

    /** Reads one value from {@code r}. */
    public static IpldValue read(CborReader r) {
        return read(r, 0);
    }

    private static IpldValue read(CborReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CborException("nesting deeper than " + MAX_DEPTH, r.position());
        }
        int major = r.peekMajor();
        switch (major) {
            case MajorType.UNSIGNED, MajorType.NEGATIVE:
                return new IpldValue.Int(r.readBigInteger());
            case MajorType.BYTES:
                return new IpldValue.Bytes(r.readBytes());
            case MajorType.TEXT:
                return new IpldValue.Text(r.readText());
            case MajorType.ARRAY: {
                int n = r.readArrayHeader();
                List<IpldValue> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(r, depth + 1));
                }
                return new IpldValue.ListValue(items);
            }
            case MajorType.MAP:
                return readMap(r, depth);
            case MajorType.TAG:
                return new IpldValue.Link(r.readCid());
            default:
                return readSimple(r);
        }
    }

    private static IpldValue readMap(CborReader r, int depth) {
        int n = r.readMapHeader();
        Map<String, IpldValue> entries = new LinkedHashMap<>();
        byte[] previous = null;
        for (int i = 0; i < n; i++) {
            int keyAt = r.position();
            if (r.peekMajor() != MajorType.TEXT) {
                throw new CborException("map keys must be text strings in DAG-CBOR", keyAt);
            }
            byte[] key = r.readTextBytes();
            if (previous != null) {
                int order = compareKeys(previous, key);
                if (order == 0) {
                    throw new CborException("duplicate map key", keyAt);
                }
                if (order > 0 && !r.isLenient()) {
                    throw new CborException("map keys not in canonical order", keyAt);
                }
            }
            previous = key;
            entries.put(new String(key, java.nio.charset.StandardCharsets.UTF_8), read(r, depth + 1));
        }
        return new IpldValue.MapValue(entries);
    }

    private static int compareKeys(byte[] a, byte[] b) {
        return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
    }

    private static IpldValue readSimple(CborReader r) {
        if (r.peekNull()) {
            r.readNull();
            return IpldValue.Null.INSTANCE;
        }
        int at = r.position();
        try {
            return new IpldValue.Bool(r.readBool());
        } catch (CborException notBool) {
            if (r.position() != at) {
                throw notBool;
            }
        }
        return new IpldValue.Float(r.readDouble());
    }

    /** Encodes a value canonically. */
    public static byte[] encode(IpldValue value) {
        CborWriter w = new CborWriter();
        write(w, value);
        return w.toByteArray();
    }

    /** Writes a value canonically. */
    public static void write(CborWriter w, IpldValue value) {
        if (value instanceof IpldValue.Int i) {
            w.writeBigInteger(i.value());
        } else if (value instanceof IpldValue.Bytes b) {
            w.writeBytes(b.value());
        } else if (value instanceof IpldValue.Text t) {
            w.writeText(t.value());
        } else if (value instanceof IpldValue.ListValue l) {
            w.writeArrayHeader(l.values().size());
            for (IpldValue item : l.values()) {
                write(w, item);
            }
        } else if (value instanceof IpldValue.MapValue m) {
            w.writeMapHeader(m.entries().size());
            for (Map.Entry<String, IpldValue> e : m.entries().entrySet()) {
                w.writeText(e.getKey());
                write(w, e.getValue());
            }
        } else if (value instanceof IpldValue.Link link) {
            w.writeCid(link.cid());
        } else if (value instanceof IpldValue.Bool b) {
            w.writeBool(b.value());
        } else if (value instanceof IpldValue.Float f) {
            w.writeDouble(f.value());
        } else {
            w.writeNull();
        }
    }

    /** Calls {@code sink} for every CID linked from a DAG-CBOR block, in order, without building a value tree. */
    public static void forEachLink(byte[] block, Consumer<Cid> sink) {
        CborReader r = CborReader.lenient(block);
        visitLinks(r, sink, 0);
    }

    private static void visitLinks(CborReader r, Consumer<Cid> sink, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CborException("nesting deeper than " + MAX_DEPTH, r.position());
        }
        switch (r.peekMajor()) {
            case MajorType.ARRAY -> {
                int n = r.readArrayHeader();
                for (int i = 0; i < n; i++) {
                    visitLinks(r, sink, depth + 1);
                }
            }
            case MajorType.MAP -> {
                int n = r.readMapHeader();
                for (int i = 0; i < n; i++) {
                    r.skip();
                    visitLinks(r, sink, depth + 1);
                }
            }
            case MajorType.TAG -> sink.accept(r.readCid());
            default -> r.skip();
        }
    }
}
