package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;

/**
 * Piece and data commitments: nodes of the sha2-256-trunc254-padded binary merkle tree (SHA-256 with the top two bits
 * of the last byte cleared so every node is a BLS12-381 field element), commitments of all-zero pieces, and their
 * {@code fil-commitment-unsealed} CIDs.
 */
public final class PieceCommitments {
    public static final int COMMITMENT_LENGTH = 32;
    /** The smallest padded piece: four 32-byte nodes. */
    public static final long MINIMUM_PADDED_PIECE_SIZE = 128;

    private static final int MAX_LEVELS = 64;
    /** ZERO[k] is the commitment of 32 * 2^k zero bytes. */
    private static final byte[][] ZERO = new byte[MAX_LEVELS][];

    static {
        ZERO[0] = new byte[COMMITMENT_LENGTH];
        for (int k = 1; k < MAX_LEVELS; k++) {
            ZERO[k] = join(ZERO[k - 1], ZERO[k - 1]);
        }
    }

    private PieceCommitments() {}

    /** The parent of two sibling nodes. */
    public static byte[] join(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(left);
        sha256.update(right);
        byte[] out = sha256.digest();
        out[31] &= 0x3f;
        return out;
    }

    /** The commitment of a piece of {@code paddedSize} zero bytes (a power of two, at least 128). */
    public static byte[] zeroPieceCommitment(long paddedSize) {
        if (paddedSize < MINIMUM_PADDED_PIECE_SIZE || Long.bitCount(paddedSize) != 1) {
            throw new CryptoInputException(
                    "zero piece size " + paddedSize + " must be a power of two of at least 128 bytes");
        }
        return ZERO[Long.numberOfTrailingZeros(paddedSize) - 5].clone();
    }

    /** The {@code fil-commitment-unsealed} CID of a data or piece commitment. */
    public static Cid unsealedCid(byte[] commitment) {
        requireNonNull(commitment, "commitment");
        if (commitment.length != COMMITMENT_LENGTH) {
            throw new CryptoInputException("commitments must be 32 bytes long, got " + commitment.length);
        }
        return Cid.v1(
                Multicodec.FIL_COMMITMENT_UNSEALED, Multihash.of(MultihashCode.SHA2_256_TRUNC254_PADDED, commitment));
    }

    /** The commitment inside a piece or data commitment CID; rejects any other codec or hash, as commcid does. */
    public static byte[] unsealedCommitment(Cid cid) {
        requireNonNull(cid, "cid");
        if (cid.codec() != Multicodec.FIL_COMMITMENT_UNSEALED) {
            throw new CryptoInputException("piece CID " + cid + " does not have the fil-commitment-unsealed codec");
        }
        if (cid.multihash().code() != MultihashCode.SHA2_256_TRUNC254_PADDED) {
            throw new CryptoInputException("piece CID " + cid + " does not use sha2-256-trunc254-padded");
        }
        byte[] digest = cid.multihash().digest();
        if (digest.length != COMMITMENT_LENGTH) {
            throw new CryptoInputException(
                    "piece CID " + cid + " has a " + digest.length + "-byte commitment, expected 32");
        }
        return Arrays.copyOf(digest, COMMITMENT_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
