package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/** A typed signature; serialised as one CBOR byte string, the type byte followed by the signature bytes. */
public record Signature(SignatureType type, byte[] data) {
    public Signature {
        requireNonNull(type, "type is null");
        data = requireNonNull(data, "data is null").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The byte-string content: type byte then data. */
    public byte[] toBytes() {
        byte[] out = new byte[data.length + 1];
        out[0] = (byte) type.code();
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    /** Parses the byte-string content; empty or of an unknown type is an {@link IllegalArgumentException}. */
    public static Signature fromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty signature");
        }
        return new Signature(SignatureType.fromCode(bytes[0] & 0xff), Arrays.copyOfRange(bytes, 1, bytes.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.type == type && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Signature[" + type + ", " + HexFormat.of().formatHex(data) + "]";
    }
}
