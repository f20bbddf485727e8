package org.fvmreplay.chain.actors;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** FRC-0042 method numbers: the number an actor exports a method name under. */
public final class Frc42 {
    /** Numbers below this are the actors' own (legacy) method numbers: FRC-0042 never hands them out. */
    public static final long FIRST_EXPORTED_METHOD = 1L << 24;

    private static final String CONSTRUCTOR = "Constructor";

    private Frc42() {}

    /**
     * The method number of {@code name}: the first big-endian 4-byte word of blake2b-512({@code "1|" + name}) that is at
     * least {@link #FIRST_EXPORTED_METHOD}, except {@code Constructor}, which is always 1.
     *
     * @throws IllegalArgumentException when {@code name} is not of {@code [A-Z][A-Za-z0-9_]*}, or no word of its digest
     *         qualifies
     */
    public static long methodNumber(String name) {
        check(name);
        if (name.equals(CONSTRUCTOR)) {
            return 1;
        }
        byte[] input = ("1|" + name).getBytes(StandardCharsets.US_ASCII);
        Blake2bDigest blake = new Blake2bDigest(512);
        blake.update(input, 0, input.length);
        byte[] digest = new byte[64];
        blake.doFinal(digest, 0);
        for (int i = 0; i + 4 <= digest.length; i += 4) {
            long word = (digest[i] & 0xffL) << 24
                    | (digest[i + 1] & 0xffL) << 16
                    | (digest[i + 2] & 0xffL) << 8
                    | digest[i + 3] & 0xffL;
            // rejection sampling: a small word would collide with the legacy numbers (0 Send, 1 Constructor, ...)
            if (word >= FIRST_EXPORTED_METHOD) {
                return word;
            }
        }
        throw new IllegalArgumentException("no FRC-0042 method number can be derived from " + name);
    }

    /** The name rule of the reference hasher (frc42_dispatch): an ASCII capital, then ASCII letters, digits and underscores. */
    private static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty FRC-0042 method name");
        }
        if (name.charAt(0) < 'A' || name.charAt(0) > 'Z') {
            throw new IllegalArgumentException("FRC-0042 method name must start with a capital letter: " + name);
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                throw new IllegalArgumentException(
                        "FRC-0042 method name has a character outside [A-Za-z0-9_]: " + name);
            }
        }
    }
}
