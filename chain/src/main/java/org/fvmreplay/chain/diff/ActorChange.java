package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fvmreplay.fvm.state.ActorState;

/**
 * How one actor's state-tree entry changed: created, deleted or modified, its entry on each side, and which of its fields
 * differ (all of them for a created or deleted actor).
 */
public record ActorChange(
        long actorId, Kind kind, Optional<ActorState> before, Optional<ActorState> after, Set<Field> changedFields) {
    /** Whether the actor appeared, disappeared or changed. */
    public enum Kind {
        CREATED,
        DELETED,
        MODIFIED
    }

    /** The fields of an actor entry. */
    public enum Field {
        CODE,
        HEAD,
        NONCE,
        BALANCE,
        DELEGATED_ADDRESS
    }

    /**
     * @throws IllegalArgumentException when {@code kind} or {@code changedFields} do not match {@code before} and
     *     {@code after}
     */
    public ActorChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        requireNonNull(changedFields, "changedFields is null");
        if (kind != kindOf(before, after)) {
            throw new IllegalArgumentException("actor f0" + Long.toUnsignedString(actorId) + ": a " + kind
                    + " change cannot have before " + before + " and after " + after);
        }
        Set<Field> fields = fieldsOf(before, after);
        if (!fields.equals(changedFields)) {
            throw new IllegalArgumentException("actor f0" + Long.toUnsignedString(actorId) + ": changed fields "
                    + changedFields + " but " + fields + " differ");
        }
        changedFields = Collections.unmodifiableSet(fields);
    }

    /** The change of actor {@code actorId} from {@code before} to {@code after}, its kind and changed fields worked out. */
    public static ActorChange of(long actorId, Optional<ActorState> before, Optional<ActorState> after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        return new ActorChange(actorId, kindOf(before, after), before, after, fieldsOf(before, after));
    }

    /** Whether {@code field} differs between before and after. */
    public boolean changed(Field field) {
        return changedFields.contains(requireNonNull(field, "field is null"));
    }

    private static Kind kindOf(Optional<ActorState> before, Optional<ActorState> after) {
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("an actor change needs a state on at least one side");
        }
        return before.isEmpty() ? Kind.CREATED : after.isEmpty() ? Kind.DELETED : Kind.MODIFIED;
    }

    private static EnumSet<Field> fieldsOf(Optional<ActorState> before, Optional<ActorState> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return EnumSet.allOf(Field.class);
        }
        ActorState a = before.get();
        ActorState b = after.get();
        EnumSet<Field> fields = EnumSet.noneOf(Field.class);
        if (!a.code().equals(b.code())) {
            fields.add(Field.CODE);
        }
        if (!a.head().equals(b.head())) {
            fields.add(Field.HEAD);
        }
        if (a.sequence() != b.sequence()) {
            fields.add(Field.NONCE);
        }
        if (!a.balance().equals(b.balance())) {
            fields.add(Field.BALANCE);
        }
        if (!Objects.equals(a.delegatedAddress(), b.delegatedAddress())) {
            fields.add(Field.DELEGATED_ADDRESS);
        }
        return fields;
    }
}
