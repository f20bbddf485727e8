package org.fvmreplay.chain.block;

/** A signature's type byte on the chain (go-state-types {@code crypto.SigType}). */
public enum SignatureType {
    SECP256K1(1),
    BLS(2),
    DELEGATED(3);

    private final int code;

    SignatureType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code; an unknown code is an {@link IllegalArgumentException}, as Lotus rejects it. */
    public static SignatureType fromCode(int code) {
        for (SignatureType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown signature type " + code);
    }
}
