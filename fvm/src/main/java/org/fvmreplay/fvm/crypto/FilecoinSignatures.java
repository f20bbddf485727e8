package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;

/**
 * Filecoin message signatures as fvm_shared v3 verifies them: type 1 secp256k1 (blake2b-256 of the message, key
 * recovered and compared by address), type 2 BLS (the address payload is the public key). FVM v3 knows no other type.
 */
public final class FilecoinSignatures {
    public static final int SECP256K1 = 1;
    public static final int BLS = 2;

    private FilecoinSignatures() {}

    /** Whether {@code type} is a signature type FVM v3 knows. */
    public static boolean isKnownType(long type) {
        return type == SECP256K1 || type == BLS;
    }

    /** True iff the signature is valid for {@code signer} and {@code plaintext}; every malformed input is simply invalid. */
    public static boolean verify(int type, byte[] signature, byte[] plaintext, Address signer) {
        requireNonNull(signature, "signature");
        requireNonNull(plaintext, "plaintext");
        requireNonNull(signer, "signer");
        return switch (type) {
            case SECP256K1 -> verifySecp256k1(signature, plaintext, signer);
            case BLS ->
                signer.protocol() == Protocol.BLS && BlsSignatures.verify(signer.payload(), signature, plaintext);
            default -> throw new IllegalArgumentException("unknown signature type " + type);
        };
    }

    private static boolean verifySecp256k1(byte[] signature, byte[] plaintext, Address signer) {
        if (signer.protocol() != Protocol.SECP256K1 || signature.length != Secp256k1.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            byte[] key = Secp256k1.recoverPublicKey(blake2b256(plaintext), signature);
            return Address.fromSecp256k1PublicKey(key).equals(signer);
        } catch (CryptoInputException e) {
            return false;
        }
    }

    static byte[] blake2b256(byte[] data) {
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
