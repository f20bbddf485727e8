package org.fvmreplay.ipld.hamt;

import java.nio.charset.StandardCharsets;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;

/** Test shorthands for encoding the values the reference tests store. */
public final class Cbor {
    private Cbor() {}

    /** A CBOR byte string. */
    public static byte[] bytes(byte[] b) {
        return new CborWriter().writeBytes(b).toByteArray();
    }

    /** The reference tests' {@code tstring(x)}: the decimal/text form of x as bytes. */
    public static byte[] tstring(Object x) {
        return String.valueOf(x).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code tstring(x)} encoded as a CBOR byte string (a {@code BytesKey} value). */
    public static byte[] tbytes(Object x) {
        return bytes(tstring(x));
    }

    public static byte[] uint(long v) {
        return new CborWriter().writeLong(v).toByteArray();
    }

    public static byte[] text(String s) {
        return new CborWriter().writeText(s).toByteArray();
    }

    public static long readUint(byte[] encoded) {
        CborReader in = CborReader.strict(encoded);
        long v = in.readUnsigned();
        in.expectEnd();
        return v;
    }
}
