package org.fvmreplay.fvm.syscalls;

import java.util.List;
import java.util.function.Supplier;
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
import org.fvmreplay.ipld.address.Address;

/**
 * The {@code crypto} syscalls whose ABI FVM v2 and v3 share (ref-fvm syscalls/crypto.rs on both branches): arguments
 * are checked in the reference's order, malformed parameters are illegal arguments, the kernel charges and computes.
 */
final class CryptoBindings {
    /** Where a binding goes: a syscall binder of either generation. */
    @FunctionalInterface
    interface Target<K extends GasOps & CryptoOps> {
        void bind(String module, String name, String params, int returnSize, SyscallBinder.Body<K> body);
    }

    private CryptoBindings() {}

    static <K extends GasOps & CryptoOps> void bind(Target<K> b) {
        b.bind("crypto", "verify_signature", "iiiiiii", 4, (inv, k, a) -> {
            if (!FilecoinSignatures.isKnownType(a[0])) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "unknown signature type " + a[0]);
            }
            byte[] signature = inv.read(a[1], a[2]);
            Address signer = inv.readAddress(a[3], a[4]);
            byte[] plaintext = inv.read(a[5], a[6]);
            return u32(k.verifySignature((int) a[0], signature, signer, plaintext) ? 0 : -1);
        });
        b.bind("crypto", "recover_secp_public_key", "ii", 65, (inv, k, a) ->
                k.recoverSecpPublicKey(inv.read(a[0], Secp256k1.HASH_LENGTH), inv.read(a[1], Secp256k1.SIGNATURE_LENGTH)));
        b.bind("crypto", "compute_unsealed_sector_cid", "Iiiii", 4, (inv, k, a) -> {
            if (UnsealedSectorCid.sectorSize(a[0]).isEmpty()) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "invalid proof type " + a[0]);
            }
            List<PieceInfo> pieces = proofParams(() -> ProofParams.pieces(inv.read(a[1], a[2])));
            inv.checkBounds(a[3], a[4]);
            return u32(inv.writeCid(k.computeUnsealedSectorCid(a[0], pieces), a[3], a[4]));
        });
        b.bind("crypto", "verify_post", "ii", 4, (inv, k, a) ->
                u32(k.verifyPost(proofParams(() -> ProofParams.windowPost(inv.read(a[0], a[1])))) ? 0 : -1));
        b.bind("crypto", "verify_aggregate_seals", "ii", 4, (inv, k, a) ->
                u32(k.verifyAggregateSeals(proofParams(() -> ProofParams.aggregateSeals(inv.read(a[0], a[1])))) ? 0 : -1));
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

    /** Decodes syscall parameters; what does not decode is the caller's illegal argument. */
    static <T> T proofParams(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, e.getMessage());
        }
    }

    private static byte[] u32(int v) {
        return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
