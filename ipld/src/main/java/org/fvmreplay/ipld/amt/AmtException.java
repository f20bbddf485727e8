package org.fvmreplay.ipld.amt;

import org.fvmreplay.ipld.cid.Cid;

/** An AMT block is malformed or describes an AMT outside the reference's limits. */
public final class AmtException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public AmtException(String message, Cid cid, Throwable cause) {
        super(message, cause);
        this.cid = cid;
    }

    /** The CID of the offending block. */
    public Cid cid() {
        return cid;
    }
}
