package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The top-level fields that differ between two actor state heads, or why the heads could not be compared: a
 * {@code decodeError} comes with no fields, so undecodable state is never mistaken for unchanged state.
 */
public record FieldDiffResult(Cid headBefore, Cid headAfter, List<FieldChange> fields, Optional<String> decodeError) {
    public FieldDiffResult {
        requireNonNull(headBefore, "headBefore is null");
        requireNonNull(headAfter, "headAfter is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(decodeError, "decodeError is null");
        if (decodeError.isPresent() && !fields.isEmpty()) {
            throw new IllegalArgumentException("a result with a decode error has no fields");
        }
    }

    /** The heads could not be compared, for {@code reason}. */
    static FieldDiffResult undecodable(Cid headBefore, Cid headAfter, String reason) {
        return new FieldDiffResult(headBefore, headAfter, List.of(), Optional.of(reason));
    }

    /** Whether both heads were decoded (so {@link #fields()} is the whole difference). */
    public boolean decoded() {
        return decodeError.isEmpty();
    }

    /**
     * One tuple index whose encoded item differs; a side is empty where the tuple is too short to have the index. The
     * arrays are copied in and out, so the record stays immutable.
     */
    public record FieldChange(int index, Optional<byte[]> before, Optional<byte[]> after) {
        public FieldChange {
            if (index < 0) {
                throw new IllegalArgumentException("field index must not be negative, got " + index);
            }
            before = requireNonNull(before, "before is null").map(byte[]::clone);
            after = requireNonNull(after, "after is null").map(byte[]::clone);
            if (before.isEmpty() && after.isEmpty()) {
                throw new IllegalArgumentException("field " + index + " is absent on both sides");
            }
        }

        @Override
        public Optional<byte[]> before() {
            return before.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> after() {
            return after.map(byte[]::clone);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FieldChange f
                    && f.index == index
                    && sameBytes(f.before, before)
                    && sameBytes(f.after, after);
        }

        @Override
        public int hashCode() {
            return (index * 31 + before.map(Arrays::hashCode).orElse(0)) * 31
                    + after.map(Arrays::hashCode).orElse(0);
        }

        @Override
        public String toString() {
            return "FieldChange[index=" + index + ", before=" + hex(before) + ", after=" + hex(after) + "]";
        }

        private static boolean sameBytes(Optional<byte[]> x, Optional<byte[]> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || Arrays.equals(x.get(), y.get()));
        }

        private static String hex(Optional<byte[]> bytes) {
            return bytes.map(HexFormat.of()::formatHex).orElse("absent");
        }
    }
}
