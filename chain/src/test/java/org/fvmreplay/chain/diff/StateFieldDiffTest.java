package org.fvmreplay.chain.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.fvmreplay.chain.diff.FieldDiffResult.FieldChange;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;

/** Top-level field diffs of actor state heads, and a decode error (never an exception) for heads that are not tuples. */
class StateFieldDiffTest {
    private final MemoryBlockstore memory = new MemoryBlockstore();
    private final CountingBlockstore store = new CountingBlockstore(memory);
    private final Cid link = StateTrees.head(9);

    private static byte[] encode(CborWriter w) {
        return w.toByteArray();
    }

    private static byte[] text(String s) {
        return encode(new CborWriter().writeText(s));
    }

    @Test
    void reportsEachDifferingIndexWithBothEncodings() {
        Cid before = store.putDagCbor(encode(
                new CborWriter().writeArrayHeader(3).writeLong(1).writeText("a").writeCid(link)));
        Cid after = store.putDagCbor(encode(new CborWriter()
                .writeArrayHeader(4)
                .writeLong(1)
                .writeText("b")
                .writeCid(link)
                .writeLong(4)));

        FieldDiffResult result = StateFieldDiff.diff(store, before, after);

        assertThat(result.decoded()).isTrue();
        assertThat(result.decodeError()).isEmpty();
        assertThat(result.headBefore()).isEqualTo(before);
        assertThat(result.headAfter()).isEqualTo(after);
        assertThat(result.fields())
                .containsExactly(
                        new FieldChange(1, Optional.of(text("a")), Optional.of(text("b"))),
                        new FieldChange(3, Optional.empty(), Optional.of(new byte[] {4})));
    }

    @Test
    void aShorterTupleHasItsMissingFieldsEmpty() {
        Cid before = store.putDagCbor(
                encode(new CborWriter().writeArrayHeader(2).writeLong(1).writeText("a")));
        Cid after = store.putDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(2)));

        assertThat(StateFieldDiff.diff(store, before, after).fields())
                .containsExactly(
                        new FieldChange(0, Optional.of(new byte[] {1}), Optional.of(new byte[] {2})),
                        new FieldChange(1, Optional.of(text("a")), Optional.empty()));
    }

    @Test
    void equalHeadsHaveNoFieldsAndAreNotRead() {
        Cid head = store.putDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(1)));
        store.reset();

        FieldDiffResult result = StateFieldDiff.diff(store, head, head);

        assertThat(result.fields()).isEmpty();
        assertThat(result.decoded()).isTrue();
        assertThat(store.reads()).isZero();
    }

    @Test
    void aMissingHeadIsADecodeError() {
        Cid present =
                store.putDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(1)));
        Cid absent = Cid.forDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(2)));

        FieldDiffResult result = StateFieldDiff.diff(store, present, absent);

        assertThat(result.fields()).isEmpty();
        assertThat(result.decoded()).isFalse();
        assertThat(result.decodeError())
                .hasValueSatisfying(
                        e -> assertThat(e).contains(absent.toString()).contains("not in the store"));
    }

    @Test
    void aHeadThatIsNotAnArrayIsADecodeError() {
        Cid tuple = store.putDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(1)));
        Cid map = store.putDagCbor(
                encode(new CborWriter().writeMapHeader(1).writeText("k").writeLong(1)));
        Cid number = store.putDagCbor(encode(new CborWriter().writeLong(7)));

        assertThat(StateFieldDiff.diff(store, tuple, map).decodeError())
                .hasValueSatisfying(e -> assertThat(e).contains(map.toString()).contains("map, not an array"));
        FieldDiffResult both = StateFieldDiff.diff(store, number, map);
        assertThat(both.fields()).isEmpty();
        assertThat(both.decodeError())
                .hasValueSatisfying(
                        e -> assertThat(e).contains(number.toString()).contains(map.toString()));
    }

    @Test
    void malformedCborIsADecodeError() {
        Cid tuple = store.putDagCbor(encode(new CborWriter().writeArrayHeader(1).writeLong(1)));
        // an array of two items holding only one, and an array followed by trailing bytes
        Cid truncated = store.putDagCbor(new byte[] {(byte) 0x82, 0x01});
        Cid trailing = store.putDagCbor(new byte[] {(byte) 0x81, 0x01, 0x02});
        Cid empty = store.putDagCbor(new byte[0]);

        for (Cid bad : new Cid[] {truncated, trailing, empty}) {
            FieldDiffResult result = StateFieldDiff.diff(store, tuple, bad);
            assertThat(result.fields()).isEmpty();
            assertThat(result.decodeError())
                    .as("head %s", bad)
                    .hasValueSatisfying(
                            e -> assertThat(e).contains(bad.toString()).contains("not valid DAG-CBOR"));
        }
    }

    @Test
    void aFieldChangeCannotBeChangedThroughItsArrays() {
        byte[] bytes = {1};
        FieldChange change = new FieldChange(0, Optional.of(bytes), Optional.empty());
        bytes[0] = 2;
        change.before().get()[0] = 3;

        assertThat(change.before()).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    }
}
