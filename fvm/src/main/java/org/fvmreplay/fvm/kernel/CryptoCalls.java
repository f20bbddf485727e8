package org.fvmreplay.fvm.kernel;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.fvmreplay.fvm.crypto.CryptoInputException;
import org.fvmreplay.fvm.crypto.FilecoinSignatures;
import org.fvmreplay.fvm.crypto.PieceInfo;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.fvm.crypto.ProofVerificationPolicy;
import org.fvmreplay.fvm.crypto.Secp256k1;
import org.fvmreplay.fvm.crypto.UnsealedSectorCid;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.RegisteredPoStProof;
import org.fvmreplay.fvm.gas.RegisteredSealProof;
import org.fvmreplay.fvm.gas.SignatureType;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The crypto syscalls' work, shared by both kernel generations: charge the price list's amount first (the
 * generation's formula lives in {@link PriceList}), then compute, or answer from the proof policy as the reference
 * conformance harness does.
 */
final class CryptoCalls {
    private static final ProofVerificationPolicy PROOFS = ProofVerificationPolicy.ACCEPT_ALL;

    private final PriceList prices;
    private final Consumer<GasCharge> charge;

    CryptoCalls(PriceList prices, Consumer<GasCharge> charge) {
        this.prices = requireNonNull(prices, "prices");
        this.charge = requireNonNull(charge, "charge");
    }

    /** Charges the signature price (before anything else, as both generations do). */
    void chargeSignature(int signatureType, int plaintextLength) {
        SignatureType priced = signatureType == FilecoinSignatures.BLS ? SignatureType.BLS : SignatureType.SECP256K1;
        charge.accept(prices.onVerifySignature(priced, plaintextLength));
    }

    /** Verifies against a key address (f1/f3); malformed signatures and keys verify false. */
    static boolean verify(int signatureType, byte[] signature, Address keyAddress, byte[] plaintext) {
        return FilecoinSignatures.verify(signatureType, signature, plaintext, keyAddress);
    }

    byte[] recoverSecpPublicKey(byte[] hash, byte[] signature) {
        charge.accept(prices.onRecoverSecpPublicKey());
        try {
            return Secp256k1.recoverPublicKey(hash, signature);
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "public key recovery failed: " + e.getMessage());
        }
    }

    Cid computeUnsealedSectorCid(long sealProof, List<PieceInfo> pieces) {
        charge.accept(prices.onComputeUnsealedSectorCid());
        try {
            return UnsealedSectorCid.compute(sealProof, pieces);
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "computing unsealed sector CID: " + e.getMessage());
        }
    }

    boolean verifySeal() {
        charge.accept(prices.onVerifySeal());
        return PROOFS.accepts();
    }

    boolean verifyPost(ProofParams.WindowPost info) {
        RegisteredPoStProof type = info.firstProofType().stream().boxed()
                .flatMap(code -> Arrays.stream(RegisteredPoStProof.values()).filter(p -> p.code() == code))
                .findFirst().orElse(RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1);
        charge.accept(prices.onVerifyPost(type, info.challengedSectorCount()));
        return PROOFS.accepts();
    }

    boolean verifyAggregateSeals(ProofParams.AggregateSeals aggregate) {
        RegisteredSealProof type = Arrays.stream(RegisteredSealProof.values()).filter(p -> p.code() == aggregate.sealProof())
                .findFirst().orElse(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1);
        charge.accept(prices.onVerifyAggregateSeals(type, aggregate.sectorCount()));
        return PROOFS.accepts();
    }

    boolean verifyReplicaUpdate() {
        charge.accept(prices.onVerifyReplicaUpdate());
        return PROOFS.accepts();
    }

    /** One answer per seal, uncharged: the power actor paid when it queued them (the harness charges nothing either). */
    static boolean[] batchVerifySeals(int count) {
        boolean[] out = new boolean[count];
        Arrays.fill(out, PROOFS.accepts());
        return out;
    }
}
