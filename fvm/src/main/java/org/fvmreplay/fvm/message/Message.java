package org.fvmreplay.fvm.message;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * An unsigned Filecoin message, as the chain serialises it: a tuple of version, to, from,
 * sequence (nonce), value, gas limit, gas fee cap, gas premium, method number and params.
 */
public record Message(
        long version,
        Address to,
        Address from,
        long sequence,
        BigInteger value,
        long gasLimit,
        BigInteger gasFeeCap,
        BigInteger gasPremium,
        long method,
        byte[] params) {

    private static final int FIELDS = 10;

    public Message {
        requireNonNull(to, "to");
        requireNonNull(from, "from");
        requireNonNull(value, "value");
        requireNonNull(gasFeeCap, "gasFeeCap");
        requireNonNull(gasPremium, "gasPremium");
        requireNonNull(params, "params");
    }

    /** Decodes the chain's serialisation; a malformed message is a {@link CborException} naming the offset. */
    public static Message decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(FIELDS);
        long version = r.readUnsigned();
        Address to = address(r);
        Address from = address(r);
        long sequence = r.readUnsigned64();
        BigInteger value = bigInt(r);
        long gasLimit = r.readLong();
        BigInteger feeCap = bigInt(r);
        BigInteger premium = bigInt(r);
        long method = r.readUnsigned64();
        byte[] params = r.readBytes();
        r.expectEnd();
        return new Message(version, to, from, sequence, value, gasLimit, feeCap, premium, method, params);
    }

    private static Address address(CborReader r) {
        int at = r.position();
        try {
            return Address.fromBytes(r.readBytes());
        } catch (IllegalArgumentException e) {
            throw new CborException("bad address: " + e.getMessage(), at);
        }
    }

    private static BigInteger bigInt(CborReader r) {
        int at = r.position();
        try {
            return FilBigInt.decode(r.readBytes());
        } catch (IllegalArgumentException e) {
            throw new CborException("bad big integer: " + e.getMessage(), at);
        }
    }

    /** The chain's serialisation of this message. */
    public byte[] encode() {
        return new CborWriter(128 + params.length)
                .writeArrayHeader(FIELDS)
                .writeHead(0, version)
                .writeBytes(to.toBytes())
                .writeBytes(from.toBytes())
                .writeHead(0, sequence)
                .writeBytes(FilBigInt.encode(value))
                .writeLong(gasLimit)
                .writeBytes(FilBigInt.encode(gasFeeCap))
                .writeBytes(FilBigInt.encode(gasPremium))
                .writeHead(0, method)
                .writeBytes(params)
                .toByteArray();
    }

    /** The message's CID: blake2b-256 DAG-CBOR of its serialisation. */
    public Cid cid() {
        return Cid.forDagCbor(encode());
    }

    @Override
    public byte[] params() {
        return params.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && java.util.Arrays.equals(m.encode(), encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Message[" + from + " -> " + to + ", seq " + Long.toUnsignedString(sequence) + ", method "
                + Long.toUnsignedString(method) + ", value " + value + ", gas limit " + gasLimit + "]";
    }
}
