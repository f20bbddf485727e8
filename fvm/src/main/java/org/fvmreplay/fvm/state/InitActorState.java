package org.fvmreplay.fvm.state;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/** The init actor's state (actors v9+): the address-to-ID map root, the next ID, the network name. */
public record InitActorState(Cid addressMap, long nextId, String networkName) {
    /** The init actor's ID. */
    public static final long ACTOR_ID = 1;

    public InitActorState {
        requireNonNull(addressMap, "addressMap");
        requireNonNull(networkName, "networkName");
    }

    /** Decodes the init actor's state block. */
    public static InitActorState decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(3);
        Cid map = r.readCid();
        long next = r.readUnsigned64();
        String name = r.readText();
        r.expectEnd();
        return new InitActorState(map, next, name);
    }

    static InitActorState decodeAt(byte[] bytes, Cid head) {
        try {
            return decode(bytes);
        } catch (CborException e) {
            throw new StateTreeException("init actor state " + head + " is malformed: " + e.getMessage(), e);
        }
    }
}
