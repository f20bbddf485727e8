package org.fvmreplay.ipld.cid;

/** A multihash function this project cannot compute (such as Filecoin's commitment hashes). */
public final class UnsupportedHashException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final long code;

    public UnsupportedHashException(long code) {
        super("cannot compute multihash " + MultihashCode.name(code));
        this.code = code;
    }

    public long code() {
        return code;
    }
}
