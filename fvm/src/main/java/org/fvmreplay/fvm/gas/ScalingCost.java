package org.fvmreplay.fvm.gas;

/** A price of {@code flat + scale * units}, in milligas, as the reference's {@code ScalingCost}. */
public record ScalingCost(long flatMilligas, long scaleMilligas) {
    public static final ScalingCost ZERO = new ScalingCost(0, 0);

    /** A cost that does not depend on the number of units. */
    public static ScalingCost fixed(long flatMilligas) {
        return new ScalingCost(flatMilligas, 0);
    }

    /** {@code flat + scale * units}, saturating. */
    public long apply(long units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        return GasMath.add(flatMilligas, GasMath.multiply(scaleMilligas, units));
    }
}
