package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

/**
 * One charge name of a repriced message: how often it was charged and what it cost under each price list, with the wall
 * time measured while it ran (the gas tracer's time since the previous charge), so that gas per nanosecond can be fitted.
 * The {@code after} figures are 0 when the repriced run gave no result.
 */
public record ChargeRepricing(
        String chargeName,
        long countBefore,
        long countAfter,
        long gasBeforeMilligas,
        long gasAfterMilligas,
        long elapsedNsBefore,
        long elapsedNsAfter) {
    public ChargeRepricing {
        requireNonNull(chargeName, "chargeName is null");
    }
}
