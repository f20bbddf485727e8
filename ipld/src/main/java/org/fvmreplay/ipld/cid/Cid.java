package org.fvmreplay.ipld.cid;

import java.util.Arrays;

/**
 * A content identifier: version, codec and multihash. Immutable; the binary form is kept, so
 * equality, hashing and ordering are on the canonical bytes.
 */
public final class Cid implements Comparable<Cid> {
    private final int version;
    private final long codec;
    private final Multihash multihash;
    private final byte[] bytes;
    private final int hash;

    private Cid(int version, long codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
        if (version == 0) {
            this.bytes = multihash.toBytes();
        } else {
            byte[] out = new byte[Varint.size(1) + Varint.size(codec) + multihash.encodedLength()];
            int off = Varint.write(1, out, 0);
            off = Varint.write(codec, out, off);
            multihash.writeTo(out, off);
            this.bytes = out;
        }
        this.hash = Arrays.hashCode(bytes);
    }

    /** A CIDv1. */
    public static Cid v1(long codec, Multihash multihash) {
        return new Cid(1, codec, multihash);
    }

    /** A CIDv0: dag-pb with a 32-byte sha2-256 digest. */
    public static Cid v0(Multihash multihash) {
        if (multihash.code() != MultihashCode.SHA2_256 || multihash.digestLength() != 32) {
            throw new IllegalArgumentException("CIDv0 needs a 32-byte sha2-256 multihash, got " + multihash);
        }
        return new Cid(0, Multicodec.DAG_PB, multihash);
    }

    /** Hashes {@code data} and returns its CIDv1 with the given codec and hash function. */
    public static Cid compute(long codec, long hashCode, byte[] data) {
        return v1(codec, Multihash.digest(hashCode, data));
    }

    /** The default Filecoin CID of a DAG-CBOR block: CIDv1, dag-cbor, blake2b-256. */
    public static Cid forDagCbor(byte[] data) {
        return compute(Multicodec.DAG_CBOR, MultihashCode.BLAKE2B_256, data);
    }

    /**
     * Reads a binary CID at {@code offset}, not past {@code limit}; the number of bytes it took is
     * {@link #byteLength()}.
     *
     * @throws IllegalArgumentException when the bytes are not a canonical CID
     */
    public static Cid read(byte[] in, int offset, int limit) {
        if (limit - offset >= 34 && in[offset] == 0x12 && in[offset + 1] == 0x20) {
            return v0(Multihash.read(in, offset, limit));
        }
        long version = Varint.read(in, offset, limit);
        if (version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version + " at offset " + offset);
        }
        int pos = offset + Varint.size(version);
        long codec = Varint.read(in, pos, limit);
        pos += Varint.size(codec);
        return v1(codec, Multihash.read(in, pos, limit));
    }

    /** Decodes a binary CID that must span all of {@code in}. */
    public static Cid fromBytes(byte[] in) {
        Cid cid = read(in, 0, in.length);
        if (cid.byteLength() != in.length) {
            throw new IllegalArgumentException(
                    "trailing " + (in.length - cid.byteLength()) + " bytes after CID " + cid);
        }
        return cid;
    }

    /** Parses the string form: base58btc CIDv0 ("Qm..."), or multibase 'b' (base32) / 'z' (base58btc) CIDv1. */
    public static Cid parse(String s) {
        if (s.length() == 46 && s.startsWith("Qm")) {
            return fromBytes(Multibase.decodeBase58(s));
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty CID string");
        }
        char prefix = s.charAt(0);
        byte[] raw;
        if (prefix == 'b' || prefix == 'B') {
            raw = Multibase.decodeBase32(s.substring(1));
        } else if (prefix == 'z') {
            raw = Multibase.decodeBase58(s.substring(1));
        } else {
            throw new IllegalArgumentException("unsupported multibase prefix '" + prefix + "' in CID " + s);
        }
        Cid cid = fromBytes(raw);
        if (cid.version == 0) {
            throw new IllegalArgumentException("CIDv0 must be bare base58btc: " + s);
        }
        return cid;
    }

    public int version() {
        return version;
    }

    public long codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    /** A copy of the binary form. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the binary form at {@code offset}; returns the offset after it. */
    public int writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        return offset + bytes.length;
    }

    public int byteLength() {
        return bytes.length;
    }

    /** True when {@code data} hashes to this CID's multihash. Throws {@link UnsupportedHashException} if not computable. */
    public boolean verifies(byte[] data) {
        return multihash.matches(data, 0, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && other.hash == hash && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Byte-wise order of the binary forms. */
    @Override
    public int compareTo(Cid o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return version == 0 ? Multibase.encodeBase58(bytes) : "b" + Multibase.encodeBase32(bytes);
    }
}
