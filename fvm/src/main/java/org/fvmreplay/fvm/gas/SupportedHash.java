package org.fvmreplay.fvm.gas;

import java.util.Optional;

/** The hash functions the FVM v3 kernel offers actors ({@code SupportedHashes}), with reference names and multihash codes. */
public enum SupportedHash {
    SHA2_256("Sha2_256", 0x12),
    BLAKE2B_256("Blake2b256", 0xb220),
    BLAKE2B_512("Blake2b512", 0xb240),
    KECCAK_256("Keccak256", 0x1b),
    RIPEMD_160("Ripemd160", 0x1053);

    private final String referenceName;
    private final long multihashCode;

    SupportedHash(String referenceName, long multihashCode) {
        this.referenceName = referenceName;
        this.multihashCode = multihashCode;
    }

    public String referenceName() {
        return referenceName;
    }

    public long multihashCode() {
        return multihashCode;
    }

    public static Optional<SupportedHash> fromMultihashCode(long code) {
        for (SupportedHash hash : values()) {
            if (hash.multihashCode == code) {
                return Optional.of(hash);
            }
        }
        return Optional.empty();
    }

    public static Optional<SupportedHash> fromReferenceName(String name) {
        for (SupportedHash hash : values()) {
            if (hash.referenceName.equals(name)) {
                return Optional.of(hash);
            }
        }
        return Optional.empty();
    }
}
