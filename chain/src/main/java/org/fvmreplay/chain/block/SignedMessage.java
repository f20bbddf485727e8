package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/** A message with its signature, as a block's secpk list stores it: {@code [message, signature]}. */
public record SignedMessage(Message message, Signature signature) {
    public SignedMessage {
        requireNonNull(message, "message is null");
        requireNonNull(signature, "signature is null");
    }

    /** Decodes the two-field tuple; malformed input is a {@link org.fvmreplay.ipld.cbor.CborException}. */
    public static SignedMessage decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(2);
        Message message = Message.decode(r.readRaw());
        Signature signature = Signature.fromBytes(r.readBytes());
        r.expectEnd();
        return new SignedMessage(message, signature);
    }

    public byte[] encode() {
        byte[] msg = message.encode();
        byte[] sig = signature.toBytes();
        return new CborWriter(msg.length + sig.length + 8)
                .writeArrayHeader(2)
                .writeRaw(msg)
                .writeBytes(sig)
                .toByteArray();
    }

    /**
     * The CID the chain knows this message by (Lotus {@code SignedMessage.Cid()}): the unsigned message's CID for a BLS
     * signature, otherwise the CID of the signed serialisation.
     */
    public Cid cid() {
        return signature.type() == SignatureType.BLS ? message.cid() : Cid.forDagCbor(encode());
    }

    /** Lotus {@code ChainLength()}: the unsigned message's serialised length for BLS, the signed one's otherwise (bytes). */
    public int chainLength() {
        return signature.type() == SignatureType.BLS ? message.encode().length : encode().length;
    }
}
