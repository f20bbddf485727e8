package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** One section of a module: id and raw payload (for custom sections the payload starts with the name). */
public final class Section {
    public static final int CUSTOM = 0;
    public static final int TYPE = 1;
    public static final int IMPORT = 2;
    public static final int FUNCTION = 3;
    public static final int TABLE = 4;
    public static final int MEMORY = 5;
    public static final int GLOBAL = 6;
    public static final int EXPORT = 7;
    public static final int START = 8;
    public static final int ELEMENT = 9;
    public static final int CODE = 10;
    public static final int DATA = 11;
    public static final int DATA_COUNT = 12;
    public static final int TAG = 13;

    private final int id;
    private final byte[] payload;
    private final long payloadOffset;

    public Section(int id, byte[] payload) {
        this(id, payload, 0);
    }

    /** {@code payloadOffset} is where the payload started in the decoded module, for error messages. */
    public Section(int id, byte[] payload, long payloadOffset) {
        this.id = id;
        this.payload = requireNonNull(payload, "payload is null").clone();
        this.payloadOffset = payloadOffset;
    }

    public int id() {
        return id;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public long payloadOffset() {
        return payloadOffset;
    }

    public ByteReader reader() {
        return new ByteReader(payload, 0, payload.length, payloadOffset);
    }

    /** Name of a custom section. */
    public String customName() {
        if (id != CUSTOM) {
            throw new IllegalStateException("section " + id + " is not a custom section");
        }
        return reader().readName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Section other && id == other.id && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Section{id=" + id + ", size=" + payload.length + "}";
    }
}
