package org.fvmreplay.ipld.hamt;

import org.fvmreplay.ipld.cid.Cid;

/** A HAMT node is malformed, or an operation ran past what the HAMT's shape allows. */
public final class HamtException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public HamtException(String message) {
        super(message);
        this.cid = null;
    }

    public HamtException(String message, Cid cid, Throwable cause) {
        super(message, cause);
        this.cid = cid;
    }

    /** The CID of the offending node, or null when the problem is not tied to one block. */
    public Cid cid() {
        return cid;
    }
}
