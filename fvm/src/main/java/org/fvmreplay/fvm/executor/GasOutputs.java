package org.fvmreplay.fvm.executor;

import java.math.BigInteger;

/** How a message's gas fee splits into burns, miner tip, penalty and refund (the reference's {@code GasOutputs}). */
public record GasOutputs(
        BigInteger baseFeeBurn,
        BigInteger overEstimationBurn,
        BigInteger minerPenalty,
        BigInteger minerTip,
        BigInteger refund,
        long gasRefund,
        long gasBurned) {
    public static GasOutputs compute(
            long gasUsed, long gasLimit, BigInteger baseFee, BigInteger feeCap, BigInteger premium) {
        BigInteger baseFeeToPay = baseFee;
        BigInteger penalty = BigInteger.ZERO;
        if (baseFee.compareTo(feeCap) > 0) {
            baseFeeToPay = feeCap;
            penalty = baseFee.subtract(feeCap).multiply(BigInteger.valueOf(gasUsed));
        }
        BigInteger baseFeeBurn = baseFeeToPay.multiply(BigInteger.valueOf(gasUsed));
        BigInteger tip = premium;
        if (baseFeeToPay.add(tip).compareTo(feeCap) > 0) {
            tip = feeCap.subtract(baseFeeToPay);
        }
        BigInteger minerTip = tip.multiply(BigInteger.valueOf(gasLimit));
        long refundGas;
        long burned;
        if (gasUsed == 0) {
            refundGas = 0;
            burned = gasLimit;
        } else {
            BigInteger used = BigInteger.valueOf(gasUsed);
            BigInteger limit = BigInteger.valueOf(gasLimit);
            BigInteger over = limit.subtract(
                            used.multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN))
                    .max(BigInteger.ZERO)
                    .min(used);
            BigInteger remaining = limit.subtract(used).max(BigInteger.ZERO);
            BigInteger toBurn = remaining.multiply(over).divide(used);
            burned = toBurn.longValueExact();
            refundGas = remaining.subtract(toBurn).max(BigInteger.ZERO).longValueExact();
        }
        BigInteger overBurn = BigInteger.ZERO;
        if (burned != 0) {
            overBurn = baseFeeToPay.multiply(BigInteger.valueOf(burned));
            penalty = penalty.add(baseFee.subtract(baseFeeToPay).multiply(BigInteger.valueOf(burned)));
        }
        BigInteger refund = feeCap.multiply(BigInteger.valueOf(gasLimit))
                .subtract(baseFeeBurn)
                .subtract(minerTip)
                .subtract(overBurn);
        return new GasOutputs(baseFeeBurn, overBurn, penalty, minerTip, refund, refundGas, burned);
    }
}
