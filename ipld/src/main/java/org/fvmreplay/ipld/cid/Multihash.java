package org.fvmreplay.ipld.cid;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** A self-describing hash: function code plus digest. Immutable. */
public final class Multihash {
    private final long code;
    private final byte[] digest;
    private final int hash;

    private Multihash(long code, byte[] digest) {
        if (code < 0) {
            throw new IllegalArgumentException("negative multihash code");
        }
        this.code = code;
        this.digest = digest;
        this.hash = Long.hashCode(code) * 31 + Arrays.hashCode(digest);
    }

    /** A multihash from a code and a digest computed elsewhere. */
    public static Multihash of(long code, byte[] digest) {
        return new Multihash(code, digest.clone());
    }

    /** Hashes {@code data} with the function {@code code}; only computable functions are accepted. */
    public static Multihash digest(long code, byte[] data) {
        return digest(code, data, 0, data.length);
    }

    /** Hashes a slice of {@code data} with the function {@code code}. */
    public static Multihash digest(long code, byte[] data, int offset, int length) {
        if (code == MultihashCode.SHA2_256) {
            MessageDigest md = sha256();
            md.update(data, offset, length);
            return new Multihash(code, md.digest());
        }
        if (code == MultihashCode.BLAKE2B_256) {
            Blake2bDigest d = new Blake2bDigest(256);
            d.update(data, offset, length);
            byte[] out = new byte[32];
            d.doFinal(out, 0);
            return new Multihash(code, out);
        }
        if (code == MultihashCode.IDENTITY) {
            return new Multihash(code, Arrays.copyOfRange(data, offset, offset + length));
        }
        throw new UnsupportedHashException(code);
    }

    /** True when this project can compute the function {@code code} (and so verify blocks hashed with it). */
    public static boolean isComputable(long code) {
        return code == MultihashCode.SHA2_256 || code == MultihashCode.BLAKE2B_256 || code == MultihashCode.IDENTITY;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /**
     * Reads a multihash at {@code offset}, not past {@code limit}; its length is {@link #encodedLength()}.
     *
     * @throws IllegalArgumentException when truncated or non-minimal
     */
    public static Multihash read(byte[] in, int offset, int limit) {
        long code = Varint.read(in, offset, limit);
        int pos = offset + Varint.size(code);
        long len = Varint.read(in, pos, limit);
        pos += Varint.size(len);
        if (len > limit - pos) {
            throw new IllegalArgumentException(
                    "multihash digest of " + len + " bytes runs past the end at offset " + pos);
        }
        return new Multihash(code, Arrays.copyOfRange(in, pos, pos + (int) len));
    }

    public long code() {
        return code;
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return digest.clone();
    }

    public int digestLength() {
        return digest.length;
    }

    /** Bytes taken by {@code code || length || digest}. */
    public int encodedLength() {
        return Varint.size(code) + Varint.size(digest.length) + digest.length;
    }

    /** Writes {@code code || length || digest} at {@code offset}; returns the offset after it. */
    public int writeTo(byte[] out, int offset) {
        offset = Varint.write(code, out, offset);
        offset = Varint.write(digest.length, out, offset);
        System.arraycopy(digest, 0, out, offset, digest.length);
        return offset + digest.length;
    }

    public byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        writeTo(out, 0);
        return out;
    }

    /** True when hashing {@code data} with this multihash's function gives this digest. */
    public boolean matches(byte[] data, int offset, int length) {
        return Arrays.equals(digest, digest(code, data, offset, length).digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash other && other.code == code && Arrays.equals(other.digest, digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return MultihashCode.name(code) + ":" + java.util.HexFormat.of().formatHex(digest);
    }
}
