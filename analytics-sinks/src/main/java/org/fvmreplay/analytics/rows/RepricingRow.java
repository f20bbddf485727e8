package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;

/**
 * One explicit message replayed under the chain's prices ({@code before}) and under a study's prices ({@code after})
 * (table {@code repricing}). The {@code after} values are null when the repriced tipset gave no result, and
 * {@code errorAfter} says why.
 */
public record RepricingRow(
        long executionEpoch,
        String messageCid,
        int executionIndex,
        int networkVersion,
        String toActorType,
        long method,
        String methodName,
        long gasLimit,
        BigInteger baseFee,
        String pricesBefore,
        String pricesAfter,
        int exitCodeBefore,
        Integer exitCodeAfter,
        long gasUsedBefore,
        Long gasUsedAfter,
        Boolean outOfGasAfter,
        Boolean flipsToOutOfGas,
        BigInteger baseFeeBurnBefore,
        BigInteger baseFeeBurnAfter,
        BigInteger overEstimationBurnBefore,
        BigInteger overEstimationBurnAfter,
        BigInteger minerTipBefore,
        BigInteger minerTipAfter,
        BigInteger refundBefore,
        BigInteger refundAfter,
        BigInteger totalFeeBefore,
        BigInteger totalFeeAfter,
        List<ChargeRepricing> charges,
        String errorAfter) {
    public RepricingRow {
        requireNonNull(messageCid, "messageCid is null");
        requireNonNull(baseFee, "baseFee is null");
        requireNonNull(pricesBefore, "pricesBefore is null");
        requireNonNull(pricesAfter, "pricesAfter is null");
        requireNonNull(baseFeeBurnBefore, "baseFeeBurnBefore is null");
        requireNonNull(overEstimationBurnBefore, "overEstimationBurnBefore is null");
        requireNonNull(minerTipBefore, "minerTipBefore is null");
        requireNonNull(refundBefore, "refundBefore is null");
        requireNonNull(totalFeeBefore, "totalFeeBefore is null");
        charges = Copies.list(charges, "charges");
        Copies.nonNegative(executionIndex, "executionIndex");
        if ((exitCodeAfter == null) != (errorAfter != null)) {
            throw new IllegalArgumentException(
                    "a repriced message has either after values or an error, not both: " + messageCid);
        }
    }

    /** Whether the repriced run gave a result for this message. */
    public boolean repriced() {
        return errorAfter == null;
    }
}
