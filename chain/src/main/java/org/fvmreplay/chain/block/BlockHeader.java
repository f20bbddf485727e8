package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A Filecoin block header, all 16 fields of the DAG-CBOR tuple in Lotus {@code chain/types/blockheader.go}. The ticket,
 * election proof, BLS aggregate and block signature are nullable on the wire.
 */
public record BlockHeader(
        Address miner,
        Optional<Ticket> ticket,
        Optional<ElectionProof> electionProof,
        List<BeaconEntry> beaconEntries,
        List<PoStProof> winPoStProofs,
        List<Cid> parents,
        BigInteger parentWeight,
        long height,
        Cid parentStateRoot,
        Cid parentMessageReceipts,
        Cid messages,
        Optional<Signature> blsAggregate,
        long timestamp,
        Optional<Signature> blockSig,
        long forkSignaling,
        BigInteger parentBaseFee) {
    private static final int FIELDS = 16;

    public BlockHeader {
        requireNonNull(miner, "miner is null");
        requireNonNull(ticket, "ticket is null");
        requireNonNull(electionProof, "electionProof is null");
        beaconEntries = List.copyOf(requireNonNull(beaconEntries, "beaconEntries is null"));
        winPoStProofs = List.copyOf(requireNonNull(winPoStProofs, "winPoStProofs is null"));
        parents = List.copyOf(requireNonNull(parents, "parents is null"));
        requireNonNull(parentWeight, "parentWeight is null");
        requireNonNull(parentStateRoot, "parentStateRoot is null");
        requireNonNull(parentMessageReceipts, "parentMessageReceipts is null");
        requireNonNull(messages, "messages is null");
        requireNonNull(blsAggregate, "blsAggregate is null");
        requireNonNull(blockSig, "blockSig is null");
        requireNonNull(parentBaseFee, "parentBaseFee is null");
    }

    /** The election proof's win count, 0 without one (Lotus reads {@code ElectionProof.WinCount} for the reward). */
    public long winCount() {
        return electionProof.map(ElectionProof::winCount).orElse(0L);
    }

    /**
     * Decodes a header block and checks that it re-encodes to bytes with the given CID; anything else (not a header,
     * non-canonical bytes, CID mismatch) is a {@link ChainException} naming the CID.
     */
    public static BlockHeader decode(Cid cid, byte[] bytes) {
        requireNonNull(cid, "cid is null");
        BlockHeader header;
        try {
            header = decode(bytes);
        } catch (CborException | IllegalArgumentException | ArithmeticException e) {
            throw new ChainException("block " + cid + " is not a block header: " + e.getMessage(), e);
        }
        if (!cid.verifies(header.encode())) {
            throw new ChainException("block header " + cid + " does not re-encode to its CID");
        }
        return header;
    }

    /** Decodes the DAG-CBOR tuple; malformed input is a {@link CborException} or {@link IllegalArgumentException}. */
    public static BlockHeader decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(FIELDS);
        Address miner = Address.fromBytes(r.readBytes());
        Optional<Ticket> ticket = Optional.empty();
        if (r.peekNull()) {
            r.readNull();
        } else {
            r.readArrayHeader(1);
            ticket = Optional.of(new Ticket(r.readBytes()));
        }
        Optional<ElectionProof> election = Optional.empty();
        if (r.peekNull()) {
            r.readNull();
        } else {
            r.readArrayHeader(2);
            long winCount = r.readLong();
            election = Optional.of(new ElectionProof(winCount, r.readBytes()));
        }
        List<BeaconEntry> beacons = new ArrayList<>();
        for (int i = 0, n = r.readArrayHeader(); i < n; i++) {
            r.readArrayHeader(2);
            long round = r.readUnsigned64();
            beacons.add(new BeaconEntry(round, r.readBytes()));
        }
        List<PoStProof> posts = new ArrayList<>();
        for (int i = 0, n = r.readArrayHeader(); i < n; i++) {
            r.readArrayHeader(2);
            long type = r.readLong();
            posts.add(new PoStProof(type, r.readBytes()));
        }
        List<Cid> parents = new ArrayList<>();
        for (int i = 0, n = r.readArrayHeader(); i < n; i++) {
            parents.add(r.readCid());
        }
        BigInteger weight = FilBigInt.decode(r.readBytes());
        long height = r.readLong();
        Cid stateRoot = r.readCid();
        Cid receipts = r.readCid();
        Cid messages = r.readCid();
        Optional<Signature> bls = nullableSignature(r);
        long timestamp = r.readUnsigned64();
        Optional<Signature> sig = nullableSignature(r);
        long fork = r.readUnsigned64();
        BigInteger baseFee = FilBigInt.decode(r.readBytes());
        r.expectEnd();
        return new BlockHeader(
                miner, ticket, election, beacons, posts, parents, weight, height, stateRoot, receipts, messages, bls,
                timestamp, sig, fork, baseFee);
    }

    private static Optional<Signature> nullableSignature(CborReader r) {
        if (r.peekNull()) {
            r.readNull();
            return Optional.empty();
        }
        return Optional.of(Signature.fromBytes(r.readBytes()));
    }

    /** The chain's serialisation of this header. */
    public byte[] encode() {
        CborWriter w = new CborWriter(1024);
        w.writeArrayHeader(FIELDS);
        w.writeBytes(miner.toBytes());
        if (ticket.isPresent()) {
            w.writeArrayHeader(1).writeBytes(ticket.get().vrfProof());
        } else {
            w.writeNull();
        }
        if (electionProof.isPresent()) {
            w.writeArrayHeader(2)
                    .writeLong(electionProof.get().winCount())
                    .writeBytes(electionProof.get().vrfProof());
        } else {
            w.writeNull();
        }
        w.writeArrayHeader(beaconEntries.size());
        for (BeaconEntry e : beaconEntries) {
            w.writeArrayHeader(2).writeHead(0, e.round()).writeBytes(e.data());
        }
        w.writeArrayHeader(winPoStProofs.size());
        for (PoStProof p : winPoStProofs) {
            w.writeArrayHeader(2).writeLong(p.postProof()).writeBytes(p.proofBytes());
        }
        w.writeArrayHeader(parents.size());
        for (Cid p : parents) {
            w.writeCid(p);
        }
        w.writeBytes(FilBigInt.encode(parentWeight));
        w.writeLong(height);
        w.writeCid(parentStateRoot).writeCid(parentMessageReceipts).writeCid(messages);
        writeNullableSignature(w, blsAggregate);
        w.writeHead(0, timestamp);
        writeNullableSignature(w, blockSig);
        w.writeHead(0, forkSignaling);
        w.writeBytes(FilBigInt.encode(parentBaseFee));
        return w.toByteArray();
    }

    private static void writeNullableSignature(CborWriter w, Optional<Signature> sig) {
        if (sig.isPresent()) {
            w.writeBytes(sig.get().toBytes());
        } else {
            w.writeNull();
        }
    }

    /** The header's CID: blake2b-256 DAG-CBOR of {@link #encode()}. */
    public Cid cid() {
        return Cid.forDagCbor(encode());
    }
}
