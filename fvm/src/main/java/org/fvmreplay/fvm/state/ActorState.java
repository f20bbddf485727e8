package org.fvmreplay.fvm.state;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Optional;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One actor's entry in the state tree: code CID, state head, sequence (nonce), balance and, from
 * state tree version 5 (network version 18), an optional delegated address.
 */
public record ActorState(Cid code, Cid head, long sequence, BigInteger balance, Optional<Address> delegatedAddress) {
    public ActorState {
        requireNonNull(code, "code");
        requireNonNull(head, "head");
        requireNonNull(balance, "balance");
        requireNonNull(delegatedAddress, "delegatedAddress");
    }

    /** Decodes a 4-field (state tree v4 and earlier) or 5-field (v5) actor entry. */
    public static ActorState decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        int fields = r.readArrayHeader();
        if (fields != 4 && fields != 5) {
            throw new CborException("actor state must have 4 or 5 fields, found " + fields, 0);
        }
        Cid code = r.readCid();
        Cid head = r.readCid();
        long sequence = r.readUnsigned64();
        int balanceAt = r.position();
        BigInteger balance;
        try {
            balance = FilBigInt.decode(r.readBytes());
        } catch (IllegalArgumentException e) {
            throw new CborException("bad balance: " + e.getMessage(), balanceAt);
        }
        Optional<Address> delegated = Optional.empty();
        if (fields == 5 && !r.peekNull()) {
            int at = r.position();
            try {
                delegated = Optional.of(Address.fromBytes(r.readBytes()));
            } catch (IllegalArgumentException e) {
                throw new CborException("bad delegated address: " + e.getMessage(), at);
            }
        } else if (fields == 5) {
            r.readNull();
        }
        r.expectEnd();
        return new ActorState(code, head, sequence, balance, delegated);
    }

    /** Encodes as a state tree of the given version stores it (5 fields from version 5). */
    public byte[] encode(int stateTreeVersion) {
        boolean withDelegated = stateTreeVersion >= 5;
        CborWriter w = new CborWriter(128)
                .writeArrayHeader(withDelegated ? 5 : 4)
                .writeCid(code)
                .writeCid(head)
                .writeHead(0, sequence)
                .writeBytes(FilBigInt.encode(balance));
        if (withDelegated) {
            if (delegatedAddress.isPresent()) {
                w.writeBytes(delegatedAddress.get().toBytes());
            } else {
                w.writeNull();
            }
        } else if (delegatedAddress.isPresent()) {
            throw new IllegalStateException(
                    "state tree version " + stateTreeVersion + " cannot hold a delegated address");
        }
        return w.toByteArray();
    }
}
