package org.fvmreplay.analytics.output;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import org.fvmreplay.analytics.rows.RepricingRow;

/**
 * The sums of a chunk's {@code repricing} rows, kept in its manifest so that a run's summary (share of messages that flip
 * to out of gas, fee change) covers every chunk, those of earlier runs too, without reading the tables.
 *
 * @param messages rows, that is explicit messages
 * @param repriced rows whose repriced run gave a result; the {@code after} sums and the flips are over these only, and so
 *     are the {@code before} sums (so that the two compare)
 * @param flipsToOutOfGas repriced messages that run out of gas under the study's prices but not under the chain's
 */
public record RepricingTotals(
        long messages,
        long repriced,
        long flipsToOutOfGas,
        long gasUsedBefore,
        long gasUsedAfter,
        BigInteger totalFeeBefore,
        BigInteger totalFeeAfter) {
    /** No rows. */
    public static final RepricingTotals NONE = new RepricingTotals(0, 0, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO);

    public RepricingTotals {
        requireNonNull(totalFeeBefore, "totalFeeBefore is null");
        requireNonNull(totalFeeAfter, "totalFeeAfter is null");
    }

    /** These totals with {@code row} added. */
    public RepricingTotals plus(RepricingRow row) {
        requireNonNull(row, "row is null");
        if (!row.repriced()) {
            return new RepricingTotals(
                    messages + 1,
                    repriced,
                    flipsToOutOfGas,
                    gasUsedBefore,
                    gasUsedAfter,
                    totalFeeBefore,
                    totalFeeAfter);
        }
        return new RepricingTotals(
                messages + 1,
                repriced + 1,
                flipsToOutOfGas + (row.flipsToOutOfGas() ? 1 : 0),
                gasUsedBefore + row.gasUsedBefore(),
                gasUsedAfter + row.gasUsedAfter(),
                totalFeeBefore.add(row.totalFeeBefore()),
                totalFeeAfter.add(row.totalFeeAfter()));
    }

    /** The sums of both. */
    public RepricingTotals plus(RepricingTotals other) {
        requireNonNull(other, "other is null");
        return new RepricingTotals(
                messages + other.messages,
                repriced + other.repriced,
                flipsToOutOfGas + other.flipsToOutOfGas,
                gasUsedBefore + other.gasUsedBefore,
                gasUsedAfter + other.gasUsedAfter,
                totalFeeBefore.add(other.totalFeeBefore),
                totalFeeAfter.add(other.totalFeeAfter));
    }
}
