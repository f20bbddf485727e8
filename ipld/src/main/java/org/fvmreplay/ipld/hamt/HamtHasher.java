package org.fvmreplay.ipld.hamt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Hashes a HAMT key into the digest whose bits, most significant first, choose the path through the trie. */
@FunctionalInterface
public interface HamtHasher {

    /** SHA2-256 of the key bytes: the hash Filecoin's HAMTs use. */
    HamtHasher SHA2_256 = key -> {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    };

    /**
     * The key itself, cut or zero-padded to 32 bytes. Only for tests: the reference implementations
     * use it to build tries of known shape.
     */
    HamtHasher IDENTITY = key -> Arrays.copyOf(key, 32);

    /** The digest of {@code key}; must be deterministic and at least one byte long. */
    byte[] hash(byte[] key);
}
