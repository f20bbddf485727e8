package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.fvmreplay.fvm.crypto.BlsSignatures;
import org.fvmreplay.fvm.crypto.CryptoInputException;
import org.fvmreplay.fvm.crypto.FilecoinSignatures;
import org.fvmreplay.fvm.crypto.PieceInfo;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.fvm.crypto.Secp256k1;
import org.fvmreplay.fvm.crypto.UnsealedSectorCid;
import org.fvmreplay.fvm.kernel.CryptoOps;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.fvm.kernel.KernelV4;
import org.fvmreplay.ipld.address.Address;

/**
 * The {@code crypto} syscalls: hashing, signatures, consensus faults and proofs ({@link CryptoOps}). Arguments are checked
 * in the reference's order (ref-fvm syscalls/crypto.rs), malformed parameters are illegal arguments, the kernel charges
 * and computes.
 */
final class CryptoSyscalls {
    private CryptoSyscalls() {}

    /** FVM v3; v2 shares this ABI. */
    static <K extends GasOps & CryptoOps> void bind(SyscallBinder<K> b) {
        b.bind("crypto", "hash", "Iiiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[3], a[4]);
            byte[] digest = k.hash(a[0], inv.read(a[1], a[2]));
            int length = (int) Math.min(digest.length, a[4]);
            inv.write(a[3], java.util.Arrays.copyOf(digest, length));
            return u32(length);
        });
        b.bind("crypto", "verify_consensus_fault", "iiiiii", 20, (inv, k, a) -> {
            k.verifyConsensusFault(inv.read(a[0], a[1]), inv.read(a[2], a[3]), inv.read(a[4], a[5]));
            return new byte[20];
        });
        b.bind("crypto", "verify_signature", "iiiiiii", 4, (inv, k, a) -> {
            if (!FilecoinSignatures.isKnownType(a[0])) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "unknown signature type " + a[0]);
            }
            byte[] signature = inv.read(a[1], a[2]);
            Address signer = inv.readAddress(a[3], a[4]);
            byte[] plaintext = inv.read(a[5], a[6]);
            return u32(k.verifySignature((int) a[0], signature, signer, plaintext) ? 0 : -1);
        });
        b.bind(
                "crypto",
                "recover_secp_public_key",
                "ii",
                65,
                (inv, k, a) -> k.recoverSecpPublicKey(
                        inv.read(a[0], Secp256k1.HASH_LENGTH), inv.read(a[1], Secp256k1.SIGNATURE_LENGTH)));
        b.bind("crypto", "compute_unsealed_sector_cid", "Iiiii", 4, (inv, k, a) -> {
            if (UnsealedSectorCid.sectorSize(a[0]).isEmpty()) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "invalid proof type " + a[0]);
            }
            List<PieceInfo> pieces = proofParams(() -> ProofParams.pieces(inv.read(a[1], a[2])));
            inv.checkBounds(a[3], a[4]);
            return u32(inv.writeCid(k.computeUnsealedSectorCid(a[0], pieces), a[3], a[4]));
        });
        b.bind(
                "crypto",
                "verify_post",
                "ii",
                4,
                (inv, k, a) ->
                        u32(k.verifyPost(proofParams(() -> ProofParams.windowPost(inv.read(a[0], a[1])))) ? 0 : -1));
        b.bind(
                "crypto",
                "verify_aggregate_seals",
                "ii",
                4,
                (inv, k, a) -> u32(
                        k.verifyAggregateSeals(proofParams(() -> ProofParams.aggregateSeals(inv.read(a[0], a[1]))))
                                ? 0
                                : -1));
        b.bind("crypto", "verify_replica_update", "ii", 4, (inv, k, a) -> {
            byte[] info = inv.read(a[0], a[1]);
            proofParams(() -> {
                ProofParams.checkReplicaUpdate(info);
                return null;
            });
            return u32(k.verifyReplicaUpdate() ? 0 : -1);
        });
        b.bind("crypto", "batch_verify_seals", "iii", 0, (inv, k, a) -> {
            int count = proofParams(() -> ProofParams.sealVerifyInfoCount(inv.read(a[0], a[1])));
            inv.checkBounds(a[2], count);
            boolean[] results = k.batchVerifySeals(count);
            byte[] out = new byte[count];
            for (int i = 0; i < count; i++) {
                out[i] = (byte) (results[i] ? 1 : 0);
            }
            inv.write(a[2], out);
            return null;
        });
    }

    /** FVM v2 still has single seal verification (v3 dropped the syscall). */
    static void rebindV2(SyscallBinder<KernelV2> b) {
        b.bind("crypto", "verify_seal", "ii", 4, (inv, k, a) -> {
            byte[] info = inv.read(a[0], a[1]);
            proofParams(() -> ProofParams.checkSealVerifyInfo(info));
            return u32(k.verifySeal() ? 0 : -1);
        });
    }

    /** FVM v4 adds BLS aggregate verification (FIP-0079). */
    static void rebindV4(SyscallBinder<KernelV4> b) {
        b.bind("crypto", "verify_bls_aggregate", "iiiii", 4, (inv, k, a) -> {
            // num_signers is a u32: its key bytes must fit in a u32 (the reference's checked_mul), else IllegalArgument
            long signerCount = a[0];
            long keysLength = signerCount * BlsSignatures.PUBLIC_KEY_LENGTH;
            if (keysLength > 0xFFFF_FFFFL) {
                throw ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_ARGUMENT,
                        "number of signatures aggregated (" + signerCount + ") exceeds limit");
            }
            byte[] signature = inv.read(a[1], BlsSignatures.SIGNATURE_LENGTH);
            byte[] keyBytes = inv.read(a[2], keysLength);
            // the keys fit in memory, so the count fits in an int
            int signers = (int) signerCount;
            List<byte[]> keys = new ArrayList<>(signers);
            for (int i = 0; i < signers; i++) {
                keys.add(java.util.Arrays.copyOfRange(
                        keyBytes, i * BlsSignatures.PUBLIC_KEY_LENGTH, (i + 1) * BlsSignatures.PUBLIC_KEY_LENGTH));
            }
            ByteBuffer lengthBytes =
                    ByteBuffer.wrap(inv.read(a[4], (long) signers * 4)).order(ByteOrder.LITTLE_ENDIAN);
            long[] lengths = new long[signers];
            long total = 0;
            for (int i = 0; i < signers; i++) {
                lengths[i] = Integer.toUnsignedLong(lengthBytes.getInt());
                total += lengths[i];
            }
            byte[] plaintexts = inv.read(a[3], total);
            return u32(k.verifyBlsAggregate(signature, keys, plaintexts, lengths) ? 0 : -1);
        });
    }

    /** Decodes syscall parameters; what does not decode is the caller's illegal argument. */
    private static <T> T proofParams(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, e.getMessage());
        }
    }
}
