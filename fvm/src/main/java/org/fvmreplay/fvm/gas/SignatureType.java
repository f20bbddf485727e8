package org.fvmreplay.fvm.gas;

import java.util.Optional;

/** Signature types priced by {@code on_verify_signature}, with the reference's names and their on-chain type bytes. */
public enum SignatureType {
    SECP256K1("Secp256k1", 1),
    BLS("BLS", 2);

    private final String referenceName;
    private final int code;

    SignatureType(String referenceName, int code) {
        this.referenceName = referenceName;
        this.code = code;
    }

    public String referenceName() {
        return referenceName;
    }

    public int code() {
        return code;
    }

    public static Optional<SignatureType> fromReferenceName(String name) {
        for (SignatureType type : values()) {
            if (type.referenceName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
