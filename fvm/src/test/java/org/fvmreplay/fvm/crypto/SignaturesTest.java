package org.fvmreplay.fvm.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.fvmreplay.ipld.address.Address;
import org.junit.jupiter.api.Test;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.SecretKey;

class SignaturesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    /** fvm_shared's secp_ecrecover_testvector (high s, so the normalisation path): keccak of the key gives the Ethereum address. */
    @Test
    void recoversTheReferenceTestVectorKey() {
        byte[] hash = HEX.parseHex("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c");
        byte[] signature = new byte[65];
        System.arraycopy(
                HEX.parseHex("73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"), 0, signature, 0, 32);
        System.arraycopy(
                HEX.parseHex("eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549"), 0, signature, 32, 32);
        signature[64] = 0x1c - 27;
        byte[] key = Secp256k1.recoverPublicKey(hash, signature);
        assertThat(key).hasSize(65).startsWith(0x04);
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(key, 1, 64);
        byte[] digest = new byte[32];
        keccak.doFinal(digest, 0);
        assertThat(HEX.formatHex(Arrays.copyOfRange(digest, 12, 32)))
                .isEqualTo("a94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    }

    @Test
    void malformedSecpSignaturesAreRejectedClearly() {
        byte[] hash = new byte[32];
        assertThatThrownBy(() -> Secp256k1.recoverPublicKey(hash, new byte[65]))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("r and s");
        assertThatThrownBy(() -> Secp256k1.recoverPublicKey(hash, new byte[64]))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("65 bytes");
        byte[] badRecovery = new byte[65];
        badRecovery[31] = 1;
        badRecovery[63] = 1;
        badRecovery[64] = 4;
        assertThatThrownBy(() -> Secp256k1.recoverPublicKey(hash, badRecovery))
                .isInstanceOf(CryptoInputException.class)
                .hasMessageContaining("recovery id");
    }

    @Test
    void verifiesFilecoinSecpSignaturesByAddress() {
        BigInteger privateKey = new BigInteger("c0ffee", 16);
        byte[] publicKey = CURVE.getG().multiply(privateKey).normalize().getEncoded(false);
        Address signer = Address.fromSecp256k1PublicKey(publicKey);
        byte[] message = "filecoin message".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signRecoverable(privateKey, FilecoinSignatures.blake2b256(message), publicKey);

        assertThat(FilecoinSignatures.verify(FilecoinSignatures.SECP256K1, signature, message, signer))
                .isTrue();
        assertThat(FilecoinSignatures.verify(
                        FilecoinSignatures.SECP256K1, signature, "other".getBytes(StandardCharsets.UTF_8), signer))
                .isFalse();
        assertThat(FilecoinSignatures.verify(
                        FilecoinSignatures.SECP256K1, Arrays.copyOf(signature, 64), message, signer))
                .isFalse();
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.SECP256K1, signature, message, Address.id(100)))
                .isFalse();
    }

    /** filecoin-project/serialization-vectors message_signing.json (secp256k1 entry): a signature of a message CID by its f1 sender. */
    @Test
    void verifiesTheReferenceSecpMessageSignature() {
        Address signer = Address.parse("t1slxh2kv3vwz3japfiyyd7rkw6p7tm4pt4wo5wyq");
        byte[] cid = HEX.parseHex("0171a0e402207054c0b2879607a1537c2976567f028112c208b61daf96d5b06b8e37e8d2773b");
        byte[] signature = Base64.getDecoder()
                .decode("3rqEdesPlYdrEVzNAbhfTQoXf8QseeE5e4HBRo+PiQNPZYTr8gkAiguku2SZFsC0p6QBpeprnEcQakZSnNB5XgA=");
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.SECP256K1, signature, cid, signer))
                .isTrue();
        byte[] otherCid = cid.clone();
        otherCid[otherCid.length - 1] ^= 1;
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.SECP256K1, signature, otherCid, signer))
                .isFalse();
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, signature, cid, signer))
                .isFalse();
    }

    /**
     * The BLS entries of the same file: the private key (little-endian, as bls-signatures stores it) gives the f3
     * address's public key. Their signatures predate Filecoin's switch to the IETF hash-to-curve, so instead a signature
     * made with that key under today's ciphersuite must verify and the old one must not.
     */
    @Test
    void blsKeysOfTheReferenceVectorsSignUnderTheNulCiphersuite() {
        Address signer =
                Address.parse("t3r4mni4ncwaa5bnr5jz3hvrbuiupy2oqf5u65zg5nkrldgg7ubskkvaa554v7kdzl5ughslh7gct7s4fjhpya");
        byte[] littleEndianKey = Base64.getDecoder().decode("P8zKGOLIElfX/nEReFZK30fSNIdOeQenO8qG9j3E/mA=");
        byte[] bigEndianKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndianKey[i] = littleEndianKey[31 - i];
        }
        SecretKey secret = new SecretKey();
        secret.from_bendian(bigEndianKey);
        assertThat(new P1_Affine(new supranational.blst.P1(secret)).compress()).isEqualTo(signer.payload());

        byte[] cid = HEX.parseHex("0171a0e40220a10a6127469aef2b9ffcda1baf46103be8f1f5507def897bc302d661e9035d82");
        byte[] signature =
                new P2().hash_to(cid, BlsSignatures.DST).sign_with(secret).compress();
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, signature, cid, signer))
                .isTrue();
        byte[] preMainnet = Base64.getDecoder()
                .decode(
                        "jW7sAf7pEkKE/F8UjJbKC2xsY4aOtdkFsrQNbKbd8gcXLgqAt5w+MWJ5/7M2PIC0GPcS6FTiGQ3G+DGIqTQbMFnbTTyVVAe0lkzrjNQ02K42KCe2z251hEeiBy5j4rcn");
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, preMainnet, cid, signer))
                .isFalse();
    }

    @Test
    void fvmV3KnowsNoDelegatedSignatures() {
        assertThat(FilecoinSignatures.isKnownType(1)).isTrue();
        assertThat(FilecoinSignatures.isKnownType(2)).isTrue();
        assertThat(FilecoinSignatures.isKnownType(3)).isFalse();
        assertThat(FilecoinSignatures.isKnownType(0)).isFalse();
    }

    @Test
    void verifiesBlsMinPkSignatures() {
        SecretKey secret = new SecretKey();
        secret.keygen(new byte[32]);
        byte[] publicKey = new P1_Affine(new supranational.blst.P1(secret)).compress();
        byte[] message = "bls message".getBytes(StandardCharsets.UTF_8);
        byte[] signature =
                new P2().hash_to(message, BlsSignatures.DST).sign_with(secret).compress();
        Address signer = Address.bls(publicKey);

        assertThat(publicKey).hasSize(48);
        assertThat(signature).hasSize(96);
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, signature, message, signer))
                .isTrue();
        assertThat(FilecoinSignatures.verify(
                        FilecoinSignatures.BLS, signature, "tampered".getBytes(StandardCharsets.UTF_8), signer))
                .isFalse();
        byte[] garbage = signature.clone();
        garbage[5] ^= 0x55;
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, garbage, message, signer))
                .isFalse();
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, Arrays.copyOf(signature, 95), message, signer))
                .isFalse();
        // a signature under another ciphersuite (Ethereum's proof-of-possession DST) must not verify
        byte[] pop = new P2()
                .hash_to(message, "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_")
                .sign_with(secret)
                .compress();
        assertThat(FilecoinSignatures.verify(FilecoinSignatures.BLS, pop, message, signer))
                .isFalse();
    }

    private static byte[] signRecoverable(BigInteger privateKey, byte[] hash, byte[] publicKey) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, new ECDomainParameters(CURVE)));
        BigInteger[] rs = signer.generateSignature(hash);
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            byte[] signature = new byte[65];
            byte[] r = toBytes32(rs[0]);
            byte[] s = toBytes32(rs[1]);
            System.arraycopy(r, 0, signature, 0, 32);
            System.arraycopy(s, 0, signature, 32, 32);
            signature[64] = (byte) recoveryId;
            if (Arrays.equals(Secp256k1.recoverPublicKey(hash, signature), publicKey)) {
                return signature;
            }
        }
        throw new AssertionError("no recovery id recovers the signing key");
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
