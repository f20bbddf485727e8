package org.fvmreplay.ipld.blockstore;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cid.Cid;

/** A block that a traversal needed is not in the store. */
public final class MissingBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public MissingBlockException(Cid cid) {
        super("block not found: " + cid);
        this.cid = requireNonNull(cid, "cid");
    }

    public Cid cid() {
        return cid;
    }
}
