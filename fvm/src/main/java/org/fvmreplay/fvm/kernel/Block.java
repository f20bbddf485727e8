package org.fvmreplay.fvm.kernel;

import static java.util.Objects.requireNonNull;

/** An IPLD block held by an invocation: codec and bytes (never modified once created). */
public record Block(long codec, byte[] data) {
    public static final long CBOR = 0x51;
    public static final long DAG_CBOR = 0x71;
    public static final long RAW = 0x55;

    public Block {
        requireNonNull(data, "data");
    }

    public int size() {
        return data.length;
    }
}
