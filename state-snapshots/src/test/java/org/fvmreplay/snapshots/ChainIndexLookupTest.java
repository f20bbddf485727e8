package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's point lookups (first, last, before, next within a finality) agree with a scan of the whole index. */
class ChainIndexLookupTest {
    @TempDir
    Path tmp;

    @Test
    void pointLookupsMatchTheIndexAroundNullRoundsAndLongGaps() {
        // Chain4's tipsets re-indexed at epochs with null rounds (3, 4) and gaps longer than a finality (1000 -> 1950)
        List<TipsetEntry> chain4 = ChainIndex.walk(Chain4.load(), List.of(Chain4.EPOCH3));
        long[] epochs = {0, 1, 2, 5, 1000, 1950};
        List<TipsetEntry> entries = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            TipsetEntry t = chain4.get(i % chain4.size());
            entries.add(new TipsetEntry(
                    epochs[i],
                    t.key(),
                    t.parents(),
                    t.parentWeight(),
                    t.parentStateRoot(),
                    t.parentMessageReceipts(),
                    t.parentBaseFee(),
                    t.messages(),
                    t.timestamp()));
        }
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 1)) {
            ChainIndex index = store.chainIndex();
            assertThat(index.first()).isEmpty();
            assertThat(index.last()).isEmpty();
            assertThat(index.nextAfter(0)).isEmpty();

            index.putAll(entries);
            assertThat(epoch(index.first())).isEqualTo(0);
            assertThat(epoch(index.last())).isEqualTo(1950);
            assertThat(epoch(index.before(1950))).isEqualTo(1000);
            assertThat(epoch(index.before(5))).isEqualTo(2);
            assertThat(epoch(index.before(4))).isEqualTo(2);
            assertThat(index.before(0)).isEmpty();
            assertThat(epoch(index.nextAfter(2))).isEqualTo(5);
            assertThat(epoch(index.nextAfter(3))).isEqualTo(5);
            // 1000 is exactly a finality after 100, 995 after 5
            assertThat(epoch(index.nextAfter(100))).isEqualTo(1000);
            assertThat(index.nextAfter(5)).isEmpty();
            assertThat(index.nextAfter(1000)).isEmpty();
            assertThat(index.nextAfter(1950)).isEmpty();
            // the lookups return what the index holds, not just the epoch
            assertThat(index.last()).contains(index.at(1950).orElseThrow());
            assertThat(index.first()).contains(index.all().get(0));
        }
    }

    private static long epoch(Optional<TipsetEntry> entry) {
        return entry.orElseThrow().epoch();
    }
}
