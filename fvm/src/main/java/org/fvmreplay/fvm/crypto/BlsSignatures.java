package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * BLS12-381 signature verification in Filecoin's min-pk scheme (48-byte compressed G1 public keys, 96-byte compressed
 * G2 signatures, hash-to-curve with the {@code _NUL_} ciphersuite), as the bls-signatures crate behind fvm_shared does it.
 */
public final class BlsSignatures {
    public static final int PUBLIC_KEY_LENGTH = 48;
    public static final int SIGNATURE_LENGTH = 96;
    public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";

    private BlsSignatures() {}

    /** True iff {@code signature} is {@code publicKey}'s signature of {@code message}; malformed keys or signatures verify false. */
    public static boolean verify(byte[] publicKey, byte[] signature, byte[] message) {
        requireNonNull(publicKey, "publicKey");
        requireNonNull(signature, "signature");
        requireNonNull(message, "message");
        if (publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        P1_Affine key;
        P2_Affine sig;
        try {
            key = new P1_Affine(publicKey);
            sig = new P2_Affine(signature);
        } catch (RuntimeException e) {
            // blst rejects bytes that are no compressed point on the curve
            return false;
        }
        // bls-signatures checks both points are in their prime-order subgroups and rejects the identity key
        if (key.is_inf() || !key.in_group() || !sig.in_group()) {
            return false;
        }
        return sig.core_verify(key, true, message, DST) == BLST_ERROR.BLST_SUCCESS;
    }

    /**
     * True iff {@code signature} aggregates the signatures of {@code messages[i]} by {@code publicKeys[i]} (FIP-0079's
     * {@code verify_bls_aggregate}, as fvm_shared's {@code verify_bls_aggregate} over the bls-signatures crate): no signer
     * verifies trivially; messages must be distinct; a malformed point verifies false.
     */
    public static boolean verifyAggregate(byte[] signature, List<byte[]> publicKeys, List<byte[]> messages) {
        requireNonNull(signature, "signature is null");
        requireNonNull(publicKeys, "publicKeys is null");
        requireNonNull(messages, "messages is null");
        if (publicKeys.size() != messages.size()) {
            return false;
        }
        if (publicKeys.isEmpty()) {
            return true;
        }
        Set<String> distinct = new HashSet<>();
        for (byte[] message : messages) {
            if (!distinct.add(java.util.HexFormat.of().formatHex(message))) {
                return false;
            }
        }
        try {
            P2_Affine sig = new P2_Affine(signature);
            if (!sig.in_group()) {
                return false;
            }
            Pairing pairing = new Pairing(true, DST);
            for (int i = 0; i < publicKeys.size(); i++) {
                P1_Affine key = new P1_Affine(publicKeys.get(i));
                if (key.is_inf() || !key.in_group()) {
                    return false;
                }
                if (pairing.aggregate(key, i == 0 ? sig : null, messages.get(i)) != BLST_ERROR.BLST_SUCCESS) {
                    return false;
                }
            }
            pairing.commit();
            return pairing.finalverify();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
