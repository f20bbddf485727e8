package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A message as a block carries it (Lotus {@code ChainMsg}): an unsigned message from the BLS list (signature aggregated
 * in the header) or a signed message from the secpk list (secp256k1 or delegated signature).
 *
 * @param message the unsigned message the VM applies
 * @param signature empty for a BLS-list message
 * @param cid the chain CID (unsigned CID for BLS-list messages, signed CID otherwise): what receipts are listed by
 * @param unsignedCid the unsigned message's CID, which Lotus deduplicates messages of a tipset by
 * @param chainLength the serialised length in bytes the FVM charges inclusion gas for
 */
public record ChainMessage(Message message, Optional<Signature> signature, Cid cid, Cid unsignedCid, int chainLength) {
    public ChainMessage {
        requireNonNull(message, "message is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(cid, "cid is null");
        requireNonNull(unsignedCid, "unsignedCid is null");
    }

    /** A message from a block's BLS list. */
    public static ChainMessage bls(Message message) {
        Cid cid = message.cid();
        return new ChainMessage(message, Optional.empty(), cid, cid, message.encode().length);
    }

    /** A message from a block's secpk list (a BLS-typed signature there is treated as Lotus does, by its type). */
    public static ChainMessage signed(SignedMessage signed) {
        return new ChainMessage(
                signed.message(),
                Optional.of(signed.signature()),
                signed.cid(),
                signed.message().cid(),
                signed.chainLength());
    }
}
