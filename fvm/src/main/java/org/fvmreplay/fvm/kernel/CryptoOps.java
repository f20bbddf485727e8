package org.fvmreplay.fvm.kernel;

import java.util.List;
import org.fvmreplay.fvm.crypto.PieceInfo;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/** Hashing, signatures and proofs (ref-fvm v3's {@code CryptoOps}; {@code master} moved the proofs to {@code FilecoinKernel}). */
public interface CryptoOps {
    /** The digest of {@code data} under the multihash {@code code}. */
    byte[] hash(long code, byte[] data);

    boolean verifySignature(int signatureType, byte[] signature, Address signer, byte[] plaintext);

    byte[] recoverSecpPublicKey(byte[] hash, byte[] signature);

    Cid computeUnsealedSectorCid(long sealProof, List<PieceInfo> pieces);

    /** Looks for a consensus fault in two block headers ({@code extra}: the parent-grinding witness). */
    void verifyConsensusFault(byte[] h1, byte[] h2, byte[] extra);

    boolean verifyPost(ProofParams.WindowPost info);

    boolean verifyAggregateSeals(ProofParams.AggregateSeals aggregate);

    boolean verifyReplicaUpdate();

    boolean[] batchVerifySeals(int count);
}
