package org.fvmreplay.ipld.address;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.fvmreplay.ipld.cid.Multibase;
import org.fvmreplay.ipld.cid.Varint;

/**
 * A Filecoin address: a protocol byte and a payload. Immutable; equality is on the byte form.
 * String form: network prefix ('f' mainnet, 't' testnet), protocol digit, then the ID
 * in decimal (f0), or base32 of payload and checksum (f1, f2, f3), or namespace 'f' base32 (f4).
 */
public final class Address implements Comparable<Address> {
    /** Payload length of secp256k1 and actor addresses (blake2b-160). */
    public static final int HASH_LENGTH = 20;
    /** Payload length of BLS addresses (a public key). */
    public static final int BLS_LENGTH = 48;
    /** Longest sub-address of a delegated address (ref-fvm's MAX_SUBADDRESS_LEN). */
    public static final int MAX_SUBADDRESS_LENGTH = 54;

    private static final int CHECKSUM_LENGTH = 4;

    private final Protocol protocol;
    private final byte[] bytes;
    private final int hash;

    private Address(Protocol protocol, byte[] bytes) {
        this.protocol = protocol;
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** An ID address; {@code id} is read as unsigned 64-bit. */
    public static Address id(long id) {
        byte[] out = new byte[1 + Varint.size(id)];
        out[0] = 0;
        Varint.write(id, out, 1);
        return new Address(Protocol.ID, out);
    }

    /** A secp256k1 address from its 20-byte payload (the blake2b-160 of the public key). */
    public static Address secp256k1(byte[] payload) {
        return fromPayload(Protocol.SECP256K1, payload);
    }

    /** The secp256k1 address of an uncompressed 65-byte public key: its blake2b-160. */
    public static Address fromSecp256k1PublicKey(byte[] publicKey) {
        return secp256k1(blake2b160(publicKey));
    }

    /** The actor address derived from arbitrary data (such as a creation nonce): its blake2b-160. */
    public static Address actorFromData(byte[] data) {
        return actor(blake2b160(data));
    }

    private static byte[] blake2b160(byte[] data) {
        Blake2bDigest d = new Blake2bDigest(HASH_LENGTH * 8);
        d.update(data, 0, data.length);
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** An actor address from its 20-byte payload. */
    public static Address actor(byte[] payload) {
        return fromPayload(Protocol.ACTOR, payload);
    }

    /** A BLS address from its 48-byte public key. */
    public static Address bls(byte[] publicKey) {
        return fromPayload(Protocol.BLS, publicKey);
    }

    /** A delegated (f4) address. */
    public static Address delegated(long namespace, byte[] subaddress) {
        requireNonNull(subaddress, "subaddress");
        if (subaddress.length > MAX_SUBADDRESS_LENGTH) {
            throw new AddressFormatException("delegated sub-address longer than " + MAX_SUBADDRESS_LENGTH + " bytes");
        }
        byte[] out = new byte[1 + Varint.size(namespace) + subaddress.length];
        out[0] = (byte) Protocol.DELEGATED.code();
        int off = Varint.write(namespace, out, 1);
        System.arraycopy(subaddress, 0, out, off, subaddress.length);
        return new Address(Protocol.DELEGATED, out);
    }

    private static Address fromPayload(Protocol protocol, byte[] payload) {
        requireNonNull(payload, "payload");
        int expected = protocol == Protocol.BLS ? BLS_LENGTH : HASH_LENGTH;
        if (payload.length != expected) {
            throw new AddressFormatException(
                    protocol + " address payload must be " + expected + " bytes, got " + payload.length);
        }
        byte[] out = new byte[1 + payload.length];
        out[0] = (byte) protocol.code();
        System.arraycopy(payload, 0, out, 1, payload.length);
        return new Address(protocol, out);
    }

    /** Decodes the byte form (protocol byte then payload), strictly. */
    public static Address fromBytes(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new AddressFormatException("empty address bytes");
        }
        Protocol protocol = Protocol.fromCode(bytes[0] & 0xFF);
        byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length);
        switch (protocol) {
            case ID -> {
                long id;
                try {
                    id = Varint.readUnsigned64(bytes, 1, bytes.length);
                } catch (IllegalArgumentException e) {
                    throw new AddressFormatException("bad ID address varint: " + e.getMessage());
                }
                if (1 + Varint.size(id) != bytes.length) {
                    throw new AddressFormatException("trailing bytes after ID address varint");
                }
                return new Address(protocol, bytes.clone());
            }
            case DELEGATED -> {
                long namespace;
                try {
                    namespace = Varint.readUnsigned64(bytes, 1, bytes.length);
                } catch (IllegalArgumentException e) {
                    throw new AddressFormatException("bad delegated address namespace: " + e.getMessage());
                }
                return delegated(namespace, Arrays.copyOfRange(bytes, 1 + Varint.size(namespace), bytes.length));
            }
            default -> {
                return fromPayload(protocol, payload);
            }
        }
    }

    /** Parses the string form, with either network prefix. */
    public static Address parse(String s) {
        requireNonNull(s, "s");
        if (s.length() < 3 || (s.charAt(0) != 'f' && s.charAt(0) != 't')) {
            throw new AddressFormatException("address must start with 'f' or 't' and a protocol digit: \"" + s + "\"");
        }
        char p = s.charAt(1);
        if (p < '0' || p > '4') {
            throw new AddressFormatException("unknown address protocol '" + p + "' in \"" + s + "\"");
        }
        Protocol protocol = Protocol.fromCode(p - '0');
        String rest = s.substring(2);
        if (protocol == Protocol.ID) {
            if (rest.length() > 20
                    || !rest.chars().allMatch(Character::isDigit)
                    || (rest.length() > 1 && rest.charAt(0) == '0')) {
                throw new AddressFormatException("bad ID address \"" + s + "\"");
            }
            try {
                return id(Long.parseUnsignedLong(rest));
            } catch (NumberFormatException e) {
                throw new AddressFormatException("ID out of range in \"" + s + "\"");
            }
        }
        Address address;
        String encoded;
        if (protocol == Protocol.DELEGATED) {
            int sep = rest.indexOf('f');
            if (sep <= 0 || !rest.substring(0, sep).chars().allMatch(Character::isDigit) || sep > 20) {
                throw new AddressFormatException(
                        "bad delegated address \"" + s + "\": expected f4<namespace>f<base32>");
            }
            long namespace;
            try {
                namespace = Long.parseUnsignedLong(rest.substring(0, sep));
            } catch (NumberFormatException e) {
                throw new AddressFormatException("namespace out of range in \"" + s + "\"");
            }
            encoded = rest.substring(sep + 1);
            byte[] raw = decodeBase32(encoded, s);
            if (raw.length < CHECKSUM_LENGTH) {
                throw new AddressFormatException("delegated address too short: \"" + s + "\"");
            }
            address = delegated(namespace, Arrays.copyOf(raw, raw.length - CHECKSUM_LENGTH));
            checkChecksum(address, Arrays.copyOfRange(raw, raw.length - CHECKSUM_LENGTH, raw.length), s);
        } else {
            encoded = rest;
            byte[] raw = decodeBase32(encoded, s);
            if (raw.length < CHECKSUM_LENGTH) {
                throw new AddressFormatException("address too short: \"" + s + "\"");
            }
            address = fromPayload(protocol, Arrays.copyOf(raw, raw.length - CHECKSUM_LENGTH));
            checkChecksum(address, Arrays.copyOfRange(raw, raw.length - CHECKSUM_LENGTH, raw.length), s);
        }
        if (!address.toString(s.charAt(0)).equals(s)) {
            throw new AddressFormatException("non-canonical address string \"" + s + "\"");
        }
        return address;
    }

    private static byte[] decodeBase32(String encoded, String whole) {
        try {
            return Multibase.decodeBase32(encoded);
        } catch (IllegalArgumentException e) {
            throw new AddressFormatException("bad base32 in address \"" + whole + "\": " + e.getMessage());
        }
    }

    private static void checkChecksum(Address address, byte[] checksum, String s) {
        if (!Arrays.equals(checksum, address.checksum())) {
            throw new AddressFormatException("bad checksum in address \"" + s + "\"");
        }
    }

    /** blake2b-32 over the byte form: the checksum carried in the string form. */
    byte[] checksum() {
        Blake2bDigest d = new Blake2bDigest(CHECKSUM_LENGTH * 8);
        d.update(bytes, 0, bytes.length);
        byte[] out = new byte[CHECKSUM_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The ID of an ID address. */
    public long id() {
        if (protocol != Protocol.ID) {
            throw new IllegalStateException("not an ID address: " + this);
        }
        return Varint.readUnsigned64(bytes, 1, bytes.length);
    }

    /** The namespace (an actor ID) of a delegated address. */
    public long namespace() {
        if (protocol != Protocol.DELEGATED) {
            throw new IllegalStateException("not a delegated address: " + this);
        }
        return Varint.readUnsigned64(bytes, 1, bytes.length);
    }

    /** The payload (everything after the protocol byte). */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, 1, bytes.length);
    }

    /** The byte form: protocol byte then payload. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return toString('f');
    }

    /** The string form with the given network prefix ('f' or 't'). */
    public String toString(char network) {
        StringBuilder sb = new StringBuilder().append(network).append(protocol.code());
        switch (protocol) {
            case ID -> sb.append(Long.toUnsignedString(id()));
            case DELEGATED -> {
                long ns = namespace();
                int subStart = 1 + Varint.size(ns);
                byte[] sub = Arrays.copyOfRange(bytes, subStart, bytes.length);
                sb.append(Long.toUnsignedString(ns))
                        .append('f')
                        .append(Multibase.encodeBase32(concat(sub, checksum())));
            }
            default -> sb.append(Multibase.encodeBase32(concat(payload(), checksum())));
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && a.hash == hash && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
