package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Set;

/**
 * One applied message, explicit or implicit, with its receipt and fees (table {@code messages}).
 *
 * @param signedCid the CID of the signed message, for secp256k1/delegated senders; null otherwise
 * @param blockCid the inclusion block (the first in tipset order that carries it, as Lotus applies it); null for implicit messages
 * @param inclusionEpoch the height of the tipset that included it (for implicit messages: the tipset it was applied for)
 * @param executionEpoch the VM epoch it ran at; differs from the inclusion epoch for the cron of a null round
 * @param receiptEpoch the height of the child whose header commits to its receipt; null when unknown
 * @param indexInTipset its position in the receipts AMT; null for implicit messages, which have no receipt there
 * @param implicitKind {@code reward} or {@code cron} when {@code implicit}, otherwise null
 * @param params and {@code returnData}: raw bytes, empty when none
 */
public record MessageRow(
        String messageCid,
        String signedCid,
        String blockCid,
        long inclusionEpoch,
        long executionEpoch,
        Long receiptEpoch,
        Integer indexInTipset,
        int executionIndex,
        boolean implicit,
        String implicitKind,
        String fromAddress,
        Long fromId,
        String toAddress,
        Long toId,
        String toActorType,
        long method,
        String methodName,
        BigInteger value,
        byte[] params,
        long nonce,
        long gasLimit,
        BigInteger gasFeeCap,
        BigInteger gasPremium,
        int exitCode,
        long gasUsed,
        byte[] returnData,
        BigInteger baseFeeBurn,
        BigInteger overEstimationBurn,
        BigInteger minerPenalty,
        BigInteger minerTip,
        BigInteger refund,
        String eventsRoot,
        int eventCount,
        String failureInfo,
        String decodeError) {
    /** The kinds of implicit message Lotus applies. */
    public static final Set<String> IMPLICIT_KINDS = Set.of("reward", "cron");

    public MessageRow {
        requireNonNull(messageCid, "messageCid is null");
        requireNonNull(fromAddress, "fromAddress is null");
        requireNonNull(toAddress, "toAddress is null");
        requireNonNull(value, "value is null");
        params = requireNonNull(params, "params is null").clone();
        requireNonNull(gasFeeCap, "gasFeeCap is null");
        requireNonNull(gasPremium, "gasPremium is null");
        returnData = requireNonNull(returnData, "returnData is null").clone();
        requireNonNull(baseFeeBurn, "baseFeeBurn is null");
        requireNonNull(overEstimationBurn, "overEstimationBurn is null");
        requireNonNull(minerPenalty, "minerPenalty is null");
        requireNonNull(minerTip, "minerTip is null");
        requireNonNull(refund, "refund is null");
        Copies.oneOf(implicitKind, IMPLICIT_KINDS, "implicitKind");
        if (implicit != (implicitKind != null)) {
            throw new IllegalArgumentException("implicitKind must be set exactly for implicit messages: implicit="
                    + implicit + ", implicitKind=" + implicitKind);
        }
        if (implicit && (blockCid != null || indexInTipset != null)) {
            throw new IllegalArgumentException("an implicit message has no block and no position in the receipts AMT");
        }
        if (indexInTipset != null) {
            Copies.nonNegative(indexInTipset, "indexInTipset");
        }
        Copies.nonNegative(eventCount, "eventCount");
        Copies.nonNegative(executionIndex, "executionIndex");
    }

    /** The raw parameters (a copy). */
    @Override
    public byte[] params() {
        return params.clone();
    }

    /** The raw return value (a copy). */
    @Override
    public byte[] returnData() {
        return returnData.clone();
    }
}
