package org.fvmreplay.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;

/**
 * A bounded source of chunk indices {@code 0..n-1}, one split per chunk. Flink's number-sequence source cuts its range
 * into one split per reader up front; here the enumerator hands out one chunk at a time as readers ask, so a slot that
 * finishes a cheap chunk takes the next one instead of idling while another works through an expensive range.
 */
public final class ChunkSource extends NumberSequenceSource {
    private static final long serialVersionUID = 1L;

    public ChunkSource(int chunks) {
        super(0, chunks - 1L);
        if (chunks < 1) {
            throw new IllegalArgumentException("no chunks to replay");
        }
    }

    @Override
    protected List<NumberSequenceSplit> splitNumberRange(long from, long to, int numSplits) {
        List<NumberSequenceSplit> splits = new ArrayList<>();
        for (long index = from; index <= to; index++) {
            splits.add(new NumberSequenceSplit(Long.toString(index), index, index));
        }
        return splits;
    }
}
