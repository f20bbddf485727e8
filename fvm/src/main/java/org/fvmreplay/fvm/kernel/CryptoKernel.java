package org.fvmreplay.fvm.kernel;

import java.util.List;
import org.fvmreplay.fvm.crypto.PieceInfo;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/** The crypto operations both kernel generations offer to the syscalls of the same names. */
public interface CryptoKernel extends ActorKernel {
    boolean verifySignature(int signatureType, byte[] signature, Address signer, byte[] plaintext);

    byte[] recoverSecpPublicKey(byte[] hash, byte[] signature);

    Cid computeUnsealedSectorCid(long sealProof, List<PieceInfo> pieces);

    boolean verifyPost(ProofParams.WindowPost info);

    boolean verifyAggregateSeals(ProofParams.AggregateSeals aggregate);

    boolean verifyReplicaUpdate();

    boolean[] batchVerifySeals(int count);
}
