package org.fvmreplay.fvm.state;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/** The versioned root of a state tree (versions 1 and later): [version, actors HAMT root, info]. */
public record StateRoot(int version, Cid actors, Cid info) {
    public StateRoot {
        requireNonNull(actors, "actors");
        requireNonNull(info, "info");
    }

    /** Loads and decodes the root block. */
    public static StateRoot load(Blockstore store, Cid root) {
        byte[] block = store.getOrThrow(root);
        try {
            CborReader r = CborReader.strict(block);
            r.readArrayHeader(3);
            long version = r.readUnsigned();
            if (version < 1 || version > 5) {
                throw new StateTreeException("unsupported state tree version " + version + " at root " + root);
            }
            StateRoot decoded = new StateRoot((int) version, r.readCid(), r.readCid());
            r.expectEnd();
            return decoded;
        } catch (CborException e) {
            throw new StateTreeException("state root " + root + " is malformed: " + e.getMessage(), e);
        }
    }
}
