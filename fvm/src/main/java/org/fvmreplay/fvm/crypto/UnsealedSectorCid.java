package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The unsealed sector CID (CommD) of a sector holding the given pieces, as FVM v3's {@code compute_unsealed_sector_cid}:
 * the gaps before each piece and at the end are filled with zero pieces (the largest aligned powers of two), then the
 * pieces are folded into one merkle root as filecoin-proofs' {@code compute_comm_d} does.
 */
public final class UnsealedSectorCid {
    private static final long KIB = 1024;
    /** Sector sizes by seal proof code modulo 5 (V1, V1_1 and synthetic PoRep share them). */
    private static final long[] SECTOR_SIZES = {
        2 * KIB, 8 * KIB * KIB, 512 * KIB * KIB, 32 * KIB * KIB * KIB, 64 * KIB * KIB * KIB
    };

    private static final long MAX_SEAL_PROOF = 14;
    private static final long MINIMUM_UNPADDED_PIECE_SIZE = 127;

    private UnsealedSectorCid() {}

    /** The sector size of a registered seal proof, or empty for a code FVM v3 does not know. */
    public static OptionalLong sectorSize(long sealProof) {
        if (sealProof < 0 || sealProof > MAX_SEAL_PROOF) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(SECTOR_SIZES[(int) (sealProof % 5)]);
    }

    /** CommD as a {@code fil-commitment-unsealed} CID; throws {@link CryptoInputException} for pieces that cannot fill the sector. */
    public static Cid compute(long sealProof, List<PieceInfo> pieces) {
        requireNonNull(pieces, "pieces");
        long sectorSize = sectorSize(sealProof)
                .orElseThrow(() -> new CryptoInputException("invalid seal proof type " + sealProof));
        List<Node> all = new ArrayList<>();
        if (pieces.isEmpty()) {
            all.add(Node.zero(sectorSize));
        } else {
            long sum = 0;
            for (PieceInfo piece : pieces) {
                if (piece.paddedSize() <= 0) {
                    throw new CryptoInputException(
                            "piece " + piece.cid() + " has size " + piece.paddedSize() + ", pieces must not be empty");
                }
                sum = pad(all, sum, piece.paddedSize());
                all.add(new Node(
                        roundTripPadded(piece.paddedSize()), PieceCommitments.unsealedCommitment(piece.cid())));
                sum += piece.paddedSize();
            }
            pad(all, sum, sectorSize);
        }
        return PieceCommitments.unsealedCid(commD(sectorSize, all));
    }

    /** Appends the zero pieces that align {@code sum} to a multiple of {@code alignment}; returns the new sum. */
    private static long pad(List<Node> out, long sum, long alignment) {
        // the reference computes (0 - sum) mod alignment in u64 arithmetic, then one zero piece per set bit, smallest
        // first
        long toFill = Long.remainderUnsigned(-sum, alignment);
        while (toFill != 0) {
            long size = Long.lowestOneBit(toFill);
            toFill ^= size;
            out.add(Node.zero(size));
            sum += size;
        }
        return sum;
    }

    /** fvm hands filecoin-proofs the unpadded size, which pads it back; sizes that are not multiples of 128 change on the way. */
    private static long roundTripPadded(long padded) {
        long unpadded = padded - padded / 128;
        return unpadded + unpadded / 127;
    }

    private static byte[] commD(long sectorSize, List<Node> pieces) {
        long unpaddedSector = sectorSize - sectorSize / 128;
        if (pieces.size() > unpaddedSector / MINIMUM_UNPADDED_PIECE_SIZE) {
            throw new CryptoInputException(
                    "too many pieces (" + pieces.size() + ") for a sector of " + sectorSize + " bytes");
        }
        long total = 0;
        for (Node piece : pieces) {
            total += piece.size;
            if (total < 0 || total > sectorSize) {
                throw new CryptoInputException("pieces are larger than the sector (" + sectorSize + " bytes)");
            }
        }
        Deque<Node> stack = new ArrayDeque<>();
        for (Node piece : pieces) {
            if (Long.bitCount(piece.size) != 1) {
                throw new CryptoInputException("piece size " + piece.size + " must be a power of 2");
            }
            while (!stack.isEmpty() && stack.peek().size < piece.size) {
                shiftReduce(stack, Node.zero(stack.peek().size));
            }
            shiftReduce(stack, piece);
        }
        while (stack.size() > 1) {
            shiftReduce(stack, Node.zero(stack.peek().size));
        }
        return stack.pop().commitment;
    }

    private static void shiftReduce(Deque<Node> stack, Node node) {
        stack.push(node);
        while (stack.size() > 1) {
            Node right = stack.pop();
            Node left = stack.peek();
            if (left.size != right.size) {
                stack.push(right);
                return;
            }
            stack.pop();
            stack.push(new Node(left.size + right.size, PieceCommitments.join(left.commitment, right.commitment)));
        }
    }

    private record Node(long size, byte[] commitment) {
        static Node zero(long size) {
            return new Node(size, PieceCommitments.zeroPieceCommitment(size));
        }
    }
}
