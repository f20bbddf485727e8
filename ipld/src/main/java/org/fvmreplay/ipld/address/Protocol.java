package org.fvmreplay.ipld.address;

/** The five Filecoin address protocols. */
public enum Protocol {
    ID(0),
    SECP256K1(1),
    ACTOR(2),
    BLS(3),
    DELEGATED(4);

    private final int code;

    Protocol(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The protocol with this code, or an {@link AddressFormatException}. */
    public static Protocol fromCode(int code) {
        for (Protocol p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new AddressFormatException("unknown address protocol " + code);
    }
}
