package org.fvmreplay.cli;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fvmreplay.ipld.car.BlockVerification;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarFormat;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;

/** What {@code inspect} reports about one CAR: format, roots, and block statistics. */
public record CarSummary(
        String source,
        CarFormat format,
        List<Cid> roots,
        long blocks,
        Map<String, Long> codecs,
        Map<String, Long> hashFunctions,
        long totalBytes,
        long minBlockBytes,
        long maxBlockBytes,
        long verified,
        long unverifiable) {
    public CarSummary {
        requireNonNull(source, "source");
        requireNonNull(format, "format");
        roots = List.copyOf(roots);
        codecs = Map.copyOf(codecs);
        hashFunctions = Map.copyOf(hashFunctions);
    }

    /** Reads every block of {@code reader} (verifying each, if the reader does) and tallies it. */
    public static CarSummary of(CarReader reader) {
        Map<String, Long> codecs = new TreeMap<>();
        Map<String, Long> hashes = new TreeMap<>();
        long blocks = 0;
        long total = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long verified = 0;
        long unverifiable = 0;
        for (CarBlock block = reader.next(); block != null; block = reader.next()) {
            blocks++;
            int size = block.data().length;
            total += size;
            min = Math.min(min, size);
            max = Math.max(max, size);
            codecs.merge(codecName(block.cid().codec()), 1L, Long::sum);
            hashes.merge(MultihashCode.name(block.cid().multihash().code()), 1L, Long::sum);
            if (block.verification() == BlockVerification.VERIFIED) {
                verified++;
            } else if (block.verification() == BlockVerification.UNVERIFIABLE) {
                unverifiable++;
            }
        }
        return new CarSummary(
                reader.source(),
                reader.format(),
                reader.roots(),
                blocks,
                codecs,
                hashes,
                total,
                blocks == 0 ? 0 : min,
                max,
                verified,
                unverifiable);
    }

    /** Lotus writes plain CBOR (0x51) blocks since FVM v4; the shared codec table does not name it yet. */
    private static String codecName(long codec) {
        return codec == 0x51 ? "cbor" : Multicodec.name(codec);
    }

    public double averageBlockBytes() {
        return blocks == 0 ? 0 : (double) totalBytes / blocks;
    }

    /** The human-readable report, one fact per line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(source).append('\n');
        line(out, "format:", format.displayName());
        StringBuilder rootList = new StringBuilder().append(roots.size());
        for (Cid root : roots) {
            rootList.append("\n    ").append(root);
        }
        line(out, "roots:", rootList.toString());
        line(out, "blocks:", Long.toString(blocks));
        line(out, "codecs:", counts(codecs));
        line(out, "hash functions:", counts(hashFunctions));
        line(
                out,
                "block bytes:",
                String.format(
                        java.util.Locale.ROOT,
                        "total %d, min %d, max %d, avg %.1f",
                        totalBytes,
                        minBlockBytes,
                        maxBlockBytes,
                        averageBlockBytes()));
        out.append(String.format("  %-16s", "verification:"))
                .append("verified ")
                .append(verified)
                .append('/')
                .append(blocks)
                .append(" blocks");
        if (unverifiable > 0) {
            out.append(", ").append(unverifiable).append(" unverifiable (hash function not computable here)");
        }
        if (verified + unverifiable < blocks) {
            out.append(", ").append(blocks - verified - unverifiable).append(" not checked");
        }
        return out.append('\n').toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-16s", label)).append(value).append('\n');
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        new TreeMap<>(counts)
                .forEach((name, n) -> s.append(s.length() == 0 ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(n));
        return s.toString();
    }
}
