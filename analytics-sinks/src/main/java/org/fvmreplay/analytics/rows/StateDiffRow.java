package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * How one message changed one actor (table {@code state_diffs}): old and new code, head, nonce, balance and delegated
 * address, and the top-level state fields that differ.
 *
 * @param address the actor's robust or delegated address when known
 * @param change one of {@link #CHANGES}; {@code old_*} are null for created actors, {@code new_*} for deleted ones
 * @param stateFields null when the state was not decoded (unknown actor type, or a head that is not a tuple)
 */
public record StateDiffRow(
        long tipsetEpoch,
        long executionEpoch,
        String messageCid,
        Integer executionIndex,
        long actorId,
        String address,
        String change,
        String actorType,
        String oldCode,
        String newCode,
        String oldHead,
        String newHead,
        Long oldNonce,
        Long newNonce,
        BigInteger oldBalance,
        BigInteger newBalance,
        String oldDelegatedAddress,
        String newDelegatedAddress,
        List<StateFieldChange> stateFields,
        String decodeError) {
    /** The kinds of change. */
    public static final Set<String> CHANGES = Set.of("created", "deleted", "modified");

    public StateDiffRow {
        if ((messageCid == null) != (executionIndex == null)) {
            throw new IllegalArgumentException(
                    "a change of a message has its CID and execution index, a migration's has neither: messageCid="
                            + messageCid + ", executionIndex=" + executionIndex);
        }
        Copies.oneOf(requireNonNull(change, "change is null"), CHANGES, "change");
        stateFields = stateFields == null ? null : Copies.list(stateFields, "stateFields");
    }
}
