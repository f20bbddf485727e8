package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.MajorType;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The top-level fields that differ between two actor state heads. Actor states are CBOR tuples, so a field is an index
 * and its value the item's encoded bytes; what lies below a field (a HAMT root, a nested tuple) is not entered.
 */
public final class StateFieldDiff {
    private StateFieldDiff() {}

    /**
     * The fields of the tuple at {@code headAfter} that differ from those of the tuple at {@code headBefore}, by index.
     * Equal heads have no differing fields and are not read. A head absent from {@code store}, not DAG-CBOR or not an
     * array gives a result with a {@link FieldDiffResult#decodeError()} naming it, never an exception.
     */
    public static FieldDiffResult diff(Blockstore store, Cid headBefore, Cid headAfter) {
        requireNonNull(store, "store is null");
        requireNonNull(headBefore, "headBefore is null");
        requireNonNull(headAfter, "headAfter is null");
        if (headBefore.equals(headAfter)) {
            return new FieldDiffResult(headBefore, headAfter, List.of(), Optional.empty());
        }
        Tuple before = tuple(store, headBefore, "before");
        Tuple after = tuple(store, headAfter, "after");
        if (before.error() != null || after.error() != null) {
            String reason = before.error() == null
                    ? after.error()
                    : after.error() == null ? before.error() : before.error() + "; " + after.error();
            return FieldDiffResult.undecodable(headBefore, headAfter, reason);
        }
        List<FieldDiffResult.FieldChange> fields = new ArrayList<>();
        int n = Math.max(before.items().size(), after.items().size());
        for (int i = 0; i < n; i++) {
            Optional<byte[]> a =
                    i < before.items().size() ? Optional.of(before.items().get(i)) : Optional.empty();
            Optional<byte[]> b =
                    i < after.items().size() ? Optional.of(after.items().get(i)) : Optional.empty();
            if (a.isEmpty() || b.isEmpty() || !Arrays.equals(a.get(), b.get())) {
                fields.add(new FieldDiffResult.FieldChange(i, a, b));
            }
        }
        return new FieldDiffResult(headBefore, headAfter, fields, Optional.empty());
    }

    /** A head's top-level items, or why it has none (exactly one of them non-null). */
    private record Tuple(List<byte[]> items, String error) {}

    private static Tuple tuple(Blockstore store, Cid head, String side) {
        byte[] block = store.get(head);
        if (block == null) {
            return new Tuple(null, "head " + side + " " + head + " is not in the store");
        }
        try {
            CborReader in = CborReader.strict(block);
            int major = in.peekMajor();
            if (major != MajorType.ARRAY) {
                return new Tuple(
                        null, "head " + side + " " + head + " is a CBOR " + MajorType.name(major) + ", not an array");
            }
            int n = in.readArrayHeader();
            List<byte[]> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(in.readRaw());
            }
            in.expectEnd();
            return new Tuple(items, null);
        } catch (CborException e) {
            return new Tuple(null, "head " + side + " " + head + " is not valid DAG-CBOR: " + e.getMessage());
        }
    }
}
