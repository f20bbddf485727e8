package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Epochs of a chain as compact ranges. A range runs over consecutive tipsets of the chain, so it
 * spans null rounds: epochs 0–723 with four null rounds is one range of 720 tipsets.
 */
public record EpochRanges(List<Range> ranges) {
    /** Tipsets from {@code from} to {@code to}, both included. */
    public record Range(long from, long to) {
        public Range {
            if (from > to) {
                throw new IllegalArgumentException("empty range " + from + ".." + to);
            }
        }

        @Override
        public String toString() {
            return from == to ? Long.toString(from) : from + "–" + to;
        }
    }

    public EpochRanges {
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
    }

    /**
     * The ranges of the tipsets in {@code chainEpochs} (every tipset's epoch, oldest first) that
     * {@code included} selects, by index into {@code chainEpochs}.
     */
    public static EpochRanges of(long[] chainEpochs, IntPredicate included) {
        requireNonNull(chainEpochs, "chainEpochs is null");
        requireNonNull(included, "included is null");
        List<Range> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= chainEpochs.length; i++) {
            boolean in = i < chainEpochs.length && included.test(i);
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                out.add(new Range(chainEpochs[start], chainEpochs[i - 1]));
                start = -1;
            }
        }
        return new EpochRanges(out);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** "epoch 5", "epochs 0–723", "epochs 0–1, 5", or "no epochs". */
    public String describe() {
        if (ranges.isEmpty()) {
            return "no epochs";
        }
        boolean single =
                ranges.size() == 1 && ranges.get(0).from() == ranges.get(0).to();
        return (single ? "epoch " : "epochs ") + this;
    }

    /** "0–723", "0–1, 5, 9–12", or "none". */
    @Override
    public String toString() {
        if (ranges.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Range r : ranges) {
            s.append(s.length() == 0 ? "" : ", ").append(r);
        }
        return s.toString();
    }
}
