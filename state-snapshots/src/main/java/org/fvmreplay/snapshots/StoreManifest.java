package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The store's fixed parameters, in {@code store.properties}: format version, shard count and
 * sharding rule. Written once at creation (atomically, via a rename) and checked on every open.
 */
public record StoreManifest(int formatVersion, int shards, String shardingRule) {
    public static final String FILE_NAME = "store.properties";
    public static final int FORMAT_VERSION = 1;

    public StoreManifest {
        requireNonNull(shardingRule, "shardingRule");
        new ShardingRule(shards); // validates the count
    }

    public static StoreManifest create(int shards) {
        return new StoreManifest(FORMAT_VERSION, shards, ShardingRule.NAME);
    }

    public static boolean exists(Path storeDir) {
        return Files.isRegularFile(storeDir.resolve(FILE_NAME));
    }

    /** Reads and checks the manifest of an existing store. */
    public static StoreManifest read(Path storeDir) {
        Path file = storeDir.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read the store manifest " + file + ": " + e.getMessage(), e);
        }
        try {
            int version = Integer.parseInt(p.getProperty("format.version", ""));
            int shards = Integer.parseInt(p.getProperty("shards", ""));
            String rule = p.getProperty("sharding.rule", "");
            if (version != FORMAT_VERSION) {
                throw new SnapshotStoreException(
                        file + ": store format version " + version + " is not supported (expected " + FORMAT_VERSION
                                + ")",
                        null);
            }
            if (!rule.equals(ShardingRule.NAME)) {
                throw new SnapshotStoreException(file + ": unknown sharding rule '" + rule + "'", null);
            }
            return new StoreManifest(version, shards, rule);
        } catch (IllegalArgumentException e) {
            throw new SnapshotStoreException(
                    file + " is corrupt: " + e.getMessage() + " (restore it or re-create the store)", e);
        }
    }

    /** Writes the manifest atomically (temporary file, then rename). */
    public void write(Path storeDir) {
        Properties p = new Properties();
        p.setProperty("format.version", Integer.toString(formatVersion));
        p.setProperty("shards", Integer.toString(shards));
        p.setProperty("sharding.rule", shardingRule);
        Path file = storeDir.resolve(FILE_NAME);
        Path tmp = storeDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(storeDir);
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "fvm-replay snapshot store: do not edit; the shard count is fixed at creation");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store manifest " + file, e);
        }
    }
}
