package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.model.IpldValue;

/**
 * Decodes the CBOR parameters of the proof syscalls (fvm_shared's tuple structs) as far as pricing and the conformance
 * policy need them, checking their shape; malformed input throws {@link CryptoInputException}.
 */
public final class ProofParams {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ProofParams() {}

    /** What {@code on_verify_aggregate_seals} prices: the seal proof type and the number of sectors. */
    public record AggregateSeals(long sealProof, int sectorCount) {}

    /** What {@code on_verify_post} prices: the first proof's type (if any) and the number of challenged sectors. */
    public record WindowPost(OptionalLong firstProofType, int challengedSectorCount) {}

    /** {@code [PieceInfo]}: each {@code [padded size, piece CID]}. */
    public static List<PieceInfo> pieces(byte[] cbor) {
        List<PieceInfo> out = new ArrayList<>();
        for (IpldValue item : list(decode(cbor, "PieceInfo list"), -1, "PieceInfo list")) {
            List<IpldValue> fields = list(item, 2, "PieceInfo");
            out.add(new PieceInfo(u64(fields.get(0), "PieceInfo.size"), link(fields.get(1), "PieceInfo.cid")));
        }
        return List.copyOf(out);
    }

    /** {@code AggregateSealVerifyProofAndInfos = [miner, seal proof, aggregate proof, proof bytes, infos]}. */
    public static AggregateSeals aggregateSeals(byte[] cbor) {
        List<IpldValue> fields =
                list(decode(cbor, "AggregateSealVerifyProofAndInfos"), 5, "AggregateSealVerifyProofAndInfos");
        u64(fields.get(0), "miner");
        long sealProof = i64(fields.get(1), "seal_proof");
        i64(fields.get(2), "aggregate_proof");
        bytes(fields.get(3), "proof");
        List<IpldValue> infos = list(fields.get(4), -1, "infos");
        for (IpldValue info : infos) {
            List<IpldValue> f = list(info, 5, "AggregateSealVerifyInfo");
            u64(f.get(0), "sector_number");
            bytes(f.get(1), "randomness");
            bytes(f.get(2), "interactive_randomness");
            link(f.get(3), "sealed_cid");
            link(f.get(4), "unsealed_cid");
        }
        return new AggregateSeals(sealProof, infos.size());
    }

    /** {@code ReplicaUpdateInfo = [update proof type, old sealed, new sealed, new unsealed, proof (array of byte values)]}. */
    public static void checkReplicaUpdate(byte[] cbor) {
        List<IpldValue> fields = list(decode(cbor, "ReplicaUpdateInfo"), 5, "ReplicaUpdateInfo");
        i64(fields.get(0), "update_proof_type");
        link(fields.get(1), "old_sealed_cid");
        link(fields.get(2), "new_sealed_cid");
        link(fields.get(3), "new_unsealed_cid");
        // a plain Vec<u8> in fvm_shared (no strict_bytes), so serde encodes it as an array of integers
        for (IpldValue b : list(fields.get(4), -1, "proof")) {
            if (u64(b, "proof byte") > 0xFF) {
                throw new CryptoInputException("proof bytes must be integers 0..255");
            }
        }
    }

    /** {@code WindowPoStVerifyInfo = [randomness, [PoStProof], [SectorInfo], prover]}. */
    public static WindowPost windowPost(byte[] cbor) {
        List<IpldValue> fields = list(decode(cbor, "WindowPoStVerifyInfo"), 4, "WindowPoStVerifyInfo");
        bytes(fields.get(0), "randomness");
        OptionalLong first = OptionalLong.empty();
        for (IpldValue proof : list(fields.get(1), -1, "proofs")) {
            List<IpldValue> f = list(proof, 2, "PoStProof");
            long type = i64(f.get(0), "post_proof");
            bytes(f.get(1), "proof_bytes");
            if (first.isEmpty()) {
                first = OptionalLong.of(type);
            }
        }
        List<IpldValue> sectors = list(fields.get(2), -1, "challenged_sectors");
        for (IpldValue sector : sectors) {
            List<IpldValue> f = list(sector, 3, "SectorInfo");
            i64(f.get(0), "proof");
            u64(f.get(1), "sector_number");
            link(f.get(2), "sealed_cid");
        }
        u64(fields.get(3), "prover");
        return new WindowPost(first, sectors.size());
    }

    /** {@code [SealVerifyInfo]}; returns how many there are. */
    public static int sealVerifyInfoCount(byte[] cbor) {
        List<IpldValue> infos = list(decode(cbor, "SealVerifyInfo list"), -1, "SealVerifyInfo list");
        for (IpldValue info : infos) {
            checkSealVerifyInfo(info);
        }
        return infos.size();
    }

    /** One {@code SealVerifyInfo} (FVM v2's {@code verify_seal}); returns null so it fits a decoding supplier. */
    public static Void checkSealVerifyInfo(byte[] cbor) {
        checkSealVerifyInfo(decode(cbor, "SealVerifyInfo"));
        return null;
    }

    private static void checkSealVerifyInfo(IpldValue info) {
        List<IpldValue> f = list(info, 8, "SealVerifyInfo");
        i64(f.get(0), "registered_proof");
        List<IpldValue> sectorId = list(f.get(1), 2, "sector_id");
        u64(sectorId.get(0), "sector_id.miner");
        u64(sectorId.get(1), "sector_id.number");
        for (IpldValue deal : list(f.get(2), -1, "deal_ids")) {
            u64(deal, "deal_id");
        }
        bytes(f.get(3), "randomness");
        bytes(f.get(4), "interactive_randomness");
        bytes(f.get(5), "proof");
        link(f.get(6), "sealed_cid");
        link(f.get(7), "unsealed_cid");
    }

    private static IpldValue decode(byte[] cbor, String what) {
        requireNonNull(cbor, "cbor");
        try {
            return DagCbor.decode(cbor);
        } catch (RuntimeException e) {
            throw new CryptoInputException(
                    "cannot decode " + what + " (" + cbor.length + " bytes of CBOR): " + e.getMessage(), e);
        }
    }

    private static List<IpldValue> list(IpldValue value, int expectedSize, String what) {
        if (!(value instanceof IpldValue.ListValue list)) {
            throw new CryptoInputException(what + " must be a CBOR array");
        }
        if (expectedSize >= 0 && list.values().size() != expectedSize) {
            throw new CryptoInputException(what + " must have " + expectedSize + " fields, got "
                    + list.values().size());
        }
        return list.values();
    }

    private static long u64(IpldValue value, String what) {
        if (!(value instanceof IpldValue.Int i)
                || i.value().signum() < 0
                || i.value().compareTo(U64_MAX) > 0) {
            throw new CryptoInputException(what + " must be an unsigned 64-bit integer");
        }
        return i.value().longValue();
    }

    private static long i64(IpldValue value, String what) {
        if (!(value instanceof IpldValue.Int i) || i.value().bitLength() > 63) {
            throw new CryptoInputException(what + " must be a signed 64-bit integer");
        }
        return i.value().longValue();
    }

    private static void bytes(IpldValue value, String what) {
        if (!(value instanceof IpldValue.Bytes)) {
            throw new CryptoInputException(what + " must be a byte string");
        }
    }

    private static org.fvmreplay.ipld.cid.Cid link(IpldValue value, String what) {
        if (!(value instanceof IpldValue.Link link)) {
            throw new CryptoInputException(what + " must be a CID");
        }
        return link.cid();
    }
}
