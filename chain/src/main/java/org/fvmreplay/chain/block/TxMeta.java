package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A block's message list ({@code MsgMeta}, the header's {@code Messages} link): {@code [bls_messages, secpk_messages]},
 * each the root of a legacy v0 AMT (bit width 3) of message CIDs.
 */
public record TxMeta(Cid blsMessages, Cid secpkMessages) {
    public TxMeta {
        requireNonNull(blsMessages, "blsMessages is null");
        requireNonNull(secpkMessages, "secpkMessages is null");
    }

    /** Decodes the two-link tuple; malformed input is a {@link org.fvmreplay.ipld.cbor.CborException}. */
    public static TxMeta decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(2);
        Cid bls = r.readCid();
        Cid secp = r.readCid();
        r.expectEnd();
        return new TxMeta(bls, secp);
    }

    public byte[] encode() {
        return new CborWriter(96)
                .writeArrayHeader(2)
                .writeCid(blsMessages)
                .writeCid(secpkMessages)
                .toByteArray();
    }

    public Cid cid() {
        return Cid.forDagCbor(encode());
    }
}
