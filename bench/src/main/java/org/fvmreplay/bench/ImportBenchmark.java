package org.fvmreplay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fvmreplay.importer.BulkMode;
import org.fvmreplay.importer.ImportListener;
import org.fvmreplay.importer.ImportOptions;
import org.fvmreplay.importer.ImportResult;
import org.fvmreplay.importer.SnapshotImporter;
import org.fvmreplay.importer.SyntheticCar;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReadOptions;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.snapshots.SnapshotStore;

/**
 * Import throughput next to the speed limits under it: reading the file, parsing it, and parsing
 * plus hashing every block (single thread). Generates a synthetic CAR (see {@link SyntheticCar})
 * once and reuses it. Not part of the build's tests; see {@code bench/README.md}.
 *
 * <p>Usage: {@code ImportBenchmark [--size BYTES|200M|5G] [--blocks N] [--dir DIR] [--shards 1,2,8] [--bulk sst,batch] [--seed N] [--checkpoint BYTES] [--repeat N]}
 */
public final class ImportBenchmark {
    private ImportBenchmark() {}

    /** One measured run. */
    private record Measurement(String name, long bytes, long blocks, double seconds, double loadAverage) {
        double mbPerSecond() {
            return bytes / seconds / (1 << 20);
        }

        double blocksPerSecond() {
            return blocks / seconds;
        }
    }

    public static void main(String[] args) throws IOException {
        long size = 5L << 30;
        long minBlocks = 20_000_000;
        Path dir = Path.of("bench/results");
        List<Integer> shardCounts = new ArrayList<>(
                List.of(1, 2, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        long seed = 1;
        ImportOptions options = ImportOptions.defaults();
        int repeat = 1;
        List<BulkMode> bulkModes = List.of(BulkMode.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> {
                    size = parseSize(args[++i]);
                    minBlocks = 0; // an explicit size is the whole target
                }
                case "--blocks" -> minBlocks = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--shards" ->
                    shardCounts = Stream.of(args[++i].split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "--bulk" ->
                    bulkModes =
                            Stream.of(args[++i].split(",")).map(BulkMode::parse).toList();
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--checkpoint" -> options = options.withCheckpointBytes(parseSize(args[++i]));
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println(
                            "usage: ImportBenchmark [--size BYTES|200M|5G] [--blocks N] [--dir DIR] [--shards 1,2,8] [--bulk sst,batch] [--seed N] [--checkpoint BYTES] [--repeat N]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dir);
        Path car = dir.resolve("synthetic-" + size + "-" + minBlocks + "-" + seed + ".car");
        long blocks;
        if (Files.exists(car)) {
            blocks = count(car);
            System.out.printf(Locale.ROOT, "reusing %s (%,d bytes, %,d blocks)%n", car, Files.size(car), blocks);
        } else {
            long start = System.nanoTime();
            SyntheticCar.Stats stats = SyntheticCar.write(car, size, minBlocks, seed);
            blocks = stats.blocks();
            System.out.printf(
                    Locale.ROOT,
                    "generated %s: %,d bytes, %,d blocks, average block %d bytes (%.1f s)%n",
                    car,
                    stats.fileBytes(),
                    blocks,
                    stats.blockBytes() / blocks,
                    (System.nanoTime() - start) / 1e9);
        }
        long fileBytes = Files.size(car);
        List<Measurement> results = new ArrayList<>();
        results.add(time(repeat, "raw read (1 MiB buffers)", fileBytes, blocks, () -> rawRead(car)));
        results.add(time(repeat, "parse only (no hashing)", fileBytes, blocks, () -> parse(car, false)));
        Measurement hashed = time(repeat, "parse + hash (1 thread)", fileBytes, blocks, () -> parse(car, true));
        results.add(hashed);
        ImportOptions importOptions = options;
        Path stores = dir.resolve("stores");
        deleteRecursively(stores);
        Files.createDirectories(stores);
        results.add(time(repeat, "import pipeline, no writes", fileBytes, blocks, () -> {
            // the same pipeline into a store whose shards drop every write: the cost without RocksDB
            try (SnapshotStore opened =
                    SnapshotStore.open(freshDirectory(stores, "discard"), 1, DiscardingBlockstore::new)) {
                // batch mode: the SST mode would still sort its buffers, which is part of its writing cost
                check(
                        new SnapshotImporter(opened, importOptions.withBulkMode(BulkMode.BATCH))
                                .importFile(car, ImportListener.NONE),
                        blocks);
            }
        }));
        for (BulkMode mode : bulkModes) {
            for (int shards : shardCounts) {
                ImportOptions modeOptions = importOptions.withBulkMode(mode);
                results.add(time(repeat, "import " + mode + ", " + shards + " shard(s)", fileBytes, blocks, () -> {
                    try (SnapshotStore opened =
                            SnapshotStore.open(freshDirectory(stores, "shards-" + shards), shards)) {
                        check(new SnapshotImporter(opened, modeOptions).importFile(car, ImportListener.NONE), blocks);
                    }
                }));
                deleteRecursively(stores); // keep at most one run's stores on disk
                Files.createDirectories(stores);
            }
        }
        deleteRecursively(stores);
        double raw = results.get(0).mbPerSecond();
        System.out.printf(
                Locale.ROOT,
                "%n%d cores, file %,d bytes, %,d blocks%n",
                Runtime.getRuntime().availableProcessors(),
                fileBytes,
                blocks);
        System.out.printf(
                Locale.ROOT,
                "%-30s %10s %14s %10s %12s %8s%n",
                "stage",
                "MiB/s",
                "blocks/s",
                "vs raw",
                "vs hash",
                "load");
        for (Measurement m : results) {
            System.out.printf(
                    Locale.ROOT,
                    "%-30s %10.1f %,14.0f %10.2f %12.2f %8.2f%n",
                    m.name(),
                    m.mbPerSecond(),
                    m.blocksPerSecond(),
                    m.mbPerSecond() / raw,
                    m.mbPerSecond() / hashed.mbPerSecond(),
                    m.loadAverage());
        }
    }

    /** Runs {@code task} {@code repeat} times and keeps the fastest run (the others were disturbed or not warm). */
    private static Measurement time(int repeat, String name, long bytes, long blocks, Runnable task) {
        double best = Double.MAX_VALUE;
        double bestLoad = 0;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            task.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "%-30s %.2f s (load average %.2f)%n", name, seconds, load);
            System.out.flush();
            if (seconds < best) {
                best = seconds;
                bestLoad = load;
            }
        }
        return new Measurement(name, bytes, blocks, best, bestLoad);
    }

    /** A new, empty store directory per run, so that every run imports everything. */
    private static Path freshDirectory(Path parent, String prefix) {
        try {
            return Files.createTempDirectory(parent, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a store directory in " + parent, e);
        }
    }

    private static void check(ImportResult result, long blocks) {
        if (result.outcome() != ImportResult.Outcome.IMPORTED || result.record().blockCount() != blocks) {
            throw new IllegalStateException("import did " + result.outcome() + " with "
                    + result.record().blockCount() + " blocks, expected a full import of " + blocks);
        }
    }

    private static void rawRead(Path car) {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(car)) {
            while (in.read(buffer) >= 0) {
                // reading is the work
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parse(Path car, boolean verify) {
        try (CarReader reader = CarReader.open(car, CarReadOptions.defaults().withVerifyBlocks(verify))) {
            for (CarBlock b = reader.next(); b != null; b = reader.next()) {
                // parsing (and hashing) is the work
            }
        }
    }

    private static long count(Path car) {
        long n = 0;
        try (CarReader reader = CarReader.open(car, CarReadOptions.defaults().withVerifyBlocks(false))) {
            while (reader.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("G") ? 1L << 30 : t.endsWith("M") ? 1L << 20 : t.endsWith("K") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
