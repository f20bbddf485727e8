package org.fvmreplay.analytics.parquet;

import java.math.BigInteger;
import java.util.Arrays;

/** DECIMAL(38,0) values as Parquet stores them in a FIXED_LEN_BYTE_ARRAY(16): big-endian two's complement. */
final class Decimals {
    /** The largest magnitude 38 digits hold. */
    static final BigInteger MAX = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private Decimals() {}

    /** The 16 bytes of {@code value}; fails when it has more than 38 digits, which readers would reject or misread. */
    static byte[] toFixed16(BigInteger value) {
        if (value.abs().compareTo(MAX) > 0) {
            throw new IllegalArgumentException("value has more than 38 digits: " + value);
        }
        // |value| < 10^38 < 2^127, so the minimal two's complement form takes at most 16 bytes
        byte[] minimal = value.toByteArray();
        byte[] fixed = new byte[ParquetSchemas.DECIMAL_BYTES];
        Arrays.fill(fixed, 0, fixed.length - minimal.length, value.signum() < 0 ? (byte) 0xFF : 0);
        System.arraycopy(minimal, 0, fixed, fixed.length - minimal.length, minimal.length);
        return fixed;
    }
}
