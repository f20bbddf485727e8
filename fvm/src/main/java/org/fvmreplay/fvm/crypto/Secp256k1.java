package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 public key recovery from a 65-byte recoverable signature ({@code r || s || recovery id}), as fvm_shared's
 * {@code recover_secp_public_key}: a high {@code s} is normalised (flipping the recovery id) for Ethereum compatibility.
 */
public final class Secp256k1 {
    public static final int SIGNATURE_LENGTH = 65;
    public static final int HASH_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 65;

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();

    private Secp256k1() {}

    /** The uncompressed (0x04-prefixed) public key that signed {@code hash}; throws {@link CryptoInputException} when there is none. */
    public static byte[] recoverPublicKey(byte[] hash, byte[] signature) {
        requireNonNull(hash, "hash");
        requireNonNull(signature, "signature");
        if (hash.length != HASH_LENGTH) {
            throw new CryptoInputException("secp256k1 message hash must be 32 bytes, got " + hash.length);
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new CryptoInputException("secp256k1 signature must be 65 bytes, got " + signature.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int recoveryId = signature[64] & 0xFF;
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            throw new CryptoInputException("invalid secp256k1 signature: r and s must be in [1, n)");
        }
        if (s.compareTo(HALF_N) > 0) {
            s = N.subtract(s);
            recoveryId ^= 1;
        }
        if (recoveryId > 3) {
            throw new CryptoInputException("invalid secp256k1 recovery id " + recoveryId + " (must be 0..3)");
        }
        BigInteger x = (recoveryId & 2) != 0 ? r.add(N) : r;
        if (x.compareTo(P) >= 0) {
            throw new CryptoInputException("failed to recover secp256k1 key: R.x out of the field");
        }
        ECPoint bigR = decompress(x, (recoveryId & 1) != 0);
        if (bigR == null) {
            throw new CryptoInputException("failed to recover secp256k1 key: R is not on the curve");
        }
        BigInteger e = new BigInteger(1, hash).mod(N);
        BigInteger rInverse = r.modInverse(N);
        // Q = r^-1 (s R - e G)
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(
                        CURVE.getG(),
                        N.subtract(e).multiply(rInverse).mod(N),
                        bigR,
                        s.multiply(rInverse).mod(N))
                .normalize();
        if (q.isInfinity()) {
            throw new CryptoInputException("failed to recover secp256k1 key: the recovered point is at infinity");
        }
        return q.getEncoded(false);
    }

    private static ECPoint decompress(BigInteger x, boolean odd) {
        ECCurve curve = CURVE.getCurve();
        byte[] encoded = new byte[33];
        encoded[0] = (byte) (odd ? 0x03 : 0x02);
        byte[] xBytes = x.toByteArray();
        int copy = Math.min(xBytes.length, 32);
        System.arraycopy(xBytes, xBytes.length - copy, encoded, 33 - copy, copy);
        try {
            return curve.decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
