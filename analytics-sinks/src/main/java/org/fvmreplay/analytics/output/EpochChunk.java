package org.fvmreplay.analytics.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of tipset epochs, both ends included, written as one file per table. Its name, {@code epochs-FROM-TO} with
 * 9-digit zero-padded epochs, sorts like the epochs (9 digits last about 950 years of 30-second epochs).
 */
public record EpochChunk(long fromEpoch, long toEpoch) implements Comparable<EpochChunk>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The largest epoch a name can hold. */
    public static final long MAX_EPOCH = 999_999_999L;

    private static final Pattern NAME = Pattern.compile("epochs-(\\d{9})-(\\d{9})");

    public EpochChunk {
        if (fromEpoch < 0 || fromEpoch > toEpoch || toEpoch > MAX_EPOCH) {
            throw new IllegalArgumentException(
                    "not a chunk of epochs 0.." + MAX_EPOCH + ": " + fromEpoch + ".." + toEpoch);
        }
    }

    /**
     * The chunks of {@code [from, to]}, each at most {@code size} epochs, with boundaries at multiples of {@code size} so
     * that a chunk covers the same epochs whatever range it was cut from (except the partial first and last chunks).
     */
    public static List<EpochChunk> split(long from, long to, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size " + size + ": expected at least 1 epoch");
        }
        List<EpochChunk> chunks = new ArrayList<>();
        long start = from;
        while (start <= to) {
            long end = Math.min(to, (start / size + 1) * size - 1);
            chunks.add(new EpochChunk(start, end));
            start = end + 1;
        }
        return chunks;
    }

    /** {@code epochs-000000100-000000199}. */
    public String name() {
        return String.format("epochs-%09d-%09d", fromEpoch, toEpoch);
    }

    /** The chunk a name such as {@code epochs-000000100-000000199} stands for. */
    public static EpochChunk parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a chunk name (epochs-FROM-TO, 9 digits each): " + name);
        }
        return new EpochChunk(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** The chunk of a file named {@code <name><suffix>}, or empty for any other file. */
    static Optional<EpochChunk> ofFileName(String fileName, String suffix) {
        if (!fileName.endsWith(suffix)) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(fileName.substring(0, fileName.length() - suffix.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        return from <= to ? Optional.of(new EpochChunk(from, to)) : Optional.empty();
    }

    /** Whether {@code epoch} lies in this chunk. */
    public boolean contains(long epoch) {
        return epoch >= fromEpoch && epoch <= toEpoch;
    }

    /** Whether the two chunks share an epoch. */
    public boolean overlaps(EpochChunk other) {
        return fromEpoch <= other.toEpoch && other.fromEpoch <= toEpoch;
    }

    @Override
    public int compareTo(EpochChunk other) {
        int byFrom = Long.compare(fromEpoch, other.fromEpoch);
        return byFrom != 0 ? byFrom : Long.compare(toEpoch, other.toEpoch);
    }

    @Override
    public String toString() {
        return name();
    }
}
