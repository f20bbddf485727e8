package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * One replayed tipset and how its result compares with the chain (table {@code tipsets}).
 *
 * @param tipsetKey the CIDs of its blocks, in tipset order
 * @param computedStateRoot null when the tipset did not execute (MIGRATION, MISSING_STATE, UNSUPPORTED)
 * @param expectedStateRoot the child tipset's parent state root: what the chain recorded
 * @param status one of {@link #STATUSES}
 * @param gasUsed and {@code gasLimit}, fees: sums over the explicit messages
 */
public record TipsetRow(
        long epoch,
        List<String> tipsetKey,
        int blockCount,
        int networkVersion,
        BigInteger baseFee,
        String parentStateRoot,
        String computedStateRoot,
        String expectedStateRoot,
        String computedReceiptsRoot,
        String expectedReceiptsRoot,
        String status,
        String detail,
        int messageCount,
        int implicitMessageCount,
        long gasUsed,
        long gasLimit,
        BigInteger baseFeeBurn,
        BigInteger overEstimationBurn,
        BigInteger minerTip,
        BigInteger minerPenalty,
        BigInteger refund,
        double elapsedMs) {
    /** The replay statuses of the chain module's ReplayStatus, by name (this module does not depend on it). */
    public static final Set<String> STATUSES = Set.of("MATCH", "MISMATCH", "MIGRATION", "MISSING_STATE", "UNSUPPORTED");

    public TipsetRow {
        tipsetKey = Copies.list(tipsetKey, "tipsetKey");
        requireNonNull(baseFee, "baseFee is null");
        requireNonNull(parentStateRoot, "parentStateRoot is null");
        Copies.oneOf(requireNonNull(status, "status is null"), STATUSES, "status");
        requireNonNull(detail, "detail is null");
        requireNonNull(baseFeeBurn, "baseFeeBurn is null");
        requireNonNull(overEstimationBurn, "overEstimationBurn is null");
        requireNonNull(minerTip, "minerTip is null");
        requireNonNull(minerPenalty, "minerPenalty is null");
        requireNonNull(refund, "refund is null");
        Copies.nonNegative(blockCount, "blockCount");
        Copies.nonNegative(messageCount, "messageCount");
        Copies.nonNegative(implicitMessageCount, "implicitMessageCount");
    }
}
