package org.fvmreplay.fvm.gas;

/**
 * Saturating milligas arithmetic. The reference's {@code Gas} saturates (i64 in FVM v2, u64 in FVM v3); we saturate at the
 * i64 bounds in both because the v3 gas tracker caps every limit at {@code i64::MAX} milligas, so any charge at or above it
 * runs out of gas either way.
 */
final class GasMath {
    static final long MILLIGAS_PER_GAS = 1000;

    private GasMath() {}

    static long add(long a, long b) {
        long sum = a + b;
        // overflow iff both operands have the same sign and the result's sign differs
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** FVM v3 subtraction of unsigned gas: never below zero. */
    static long subtractToZero(long a, long b) {
        return a <= b ? 0 : a - b;
    }
}
