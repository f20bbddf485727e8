package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * One actor call inside a message, the message's own call included (table {@code calls}).
 *
 * @param callIndex order within the message, 0 for the message's own call
 * @param parentIndex the calling call's index; null for call 0
 * @param depth 0 for the message's own call
 * @param methodName the name Lotus shows for the method, when the callee's builtin actor type is known and exports it
 * @param error the syscall error or abort message when the call failed; null otherwise
 * @param gasMilligas gas charged while this call and its subcalls ran, in milligas
 */
public record CallRow(
        long executionEpoch,
        String messageCid,
        int callIndex,
        Integer parentIndex,
        int depth,
        long fromId,
        String toAddress,
        Long toId,
        String toActorType,
        long method,
        String methodName,
        BigInteger value,
        int exitCode,
        String error,
        long gasMilligas) {
    public CallRow {
        requireNonNull(messageCid, "messageCid is null");
        requireNonNull(toAddress, "toAddress is null");
        requireNonNull(value, "value is null");
        Copies.nonNegative(callIndex, "callIndex");
        Copies.nonNegative(depth, "depth");
        if ((callIndex == 0) != (parentIndex == null)
                || (parentIndex != null && (parentIndex < 0 || parentIndex >= callIndex))) {
            // a call's parent starts before it; only the message's own call has none
            throw new IllegalArgumentException("call " + callIndex + " has parent " + parentIndex);
        }
    }
}
