package org.fvmreplay.ipld.bigint;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Filecoin's byte encoding of big integers (token amounts, power): empty for zero, otherwise a
 * sign byte (0 positive, 1 negative) and the minimal big-endian magnitude.
 */
public final class FilBigInt {
    /** ref-fvm refuses big integers whose encoding exceeds this many bytes. */
    public static final int MAX_ENCODED_LENGTH = 128;

    private FilBigInt() {}

    /** Encodes {@code value}. */
    public static byte[] encode(BigInteger value) {
        if (value.signum() == 0) {
            return new byte[0];
        }
        byte[] mag = value.abs().toByteArray();
        int skip = mag[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + mag.length - skip];
        out[0] = (byte) (value.signum() < 0 ? 1 : 0);
        System.arraycopy(mag, skip, out, 1, mag.length - skip);
        if (out.length > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException(
                    "big integer encodes to " + out.length + " bytes, over " + MAX_ENCODED_LENGTH);
        }
        return out;
    }

    /**
     * Decodes as ref-fvm does: a bad sign byte or an over-long value is an error, but leading zero
     * bytes and a lone sign byte are accepted (user-supplied params may carry them).
     */
    public static BigInteger decode(byte[] bytes) {
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        if (bytes.length > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException(
                    "big integer of " + bytes.length + " bytes exceeds " + MAX_ENCODED_LENGTH);
        }
        int sign = bytes[0];
        if (sign != 0 && sign != 1) {
            throw new IllegalArgumentException("big integer sign byte must be 0 or 1, got " + sign);
        }
        BigInteger mag = new BigInteger(1, Arrays.copyOfRange(bytes, 1, bytes.length));
        return sign == 1 ? mag.negate() : mag;
    }

    /** True when {@code bytes} is exactly what {@link #encode} would produce for its value. */
    public static boolean isCanonical(byte[] bytes) {
        try {
            return Arrays.equals(bytes, encode(decode(bytes)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
