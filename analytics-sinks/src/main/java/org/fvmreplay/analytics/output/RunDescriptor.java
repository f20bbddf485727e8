package org.fvmreplay.analytics.output;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fvmreplay.analytics.parquet.ParquetSchemas;
import org.fvmreplay.analytics.schema.Table;

/**
 * What {@code _run.json} records about a run: the caller's identity (store, engine, price list, chunk size...), the
 * selected tables and a hash of their Parquet schemas, so that a rerun into the folder provably adds to the same dataset.
 */
record RunDescriptor(
        int format, SortedMap<String, String> identity, List<String> tables, String schemaSha256, Instant createdAt) {
    static final int FORMAT = 1;

    RunDescriptor {
        identity = new TreeMap<>(requireNonNull(identity, "identity is null"));
        identity.forEach((k, v) -> {
            requireNonNull(k, "identity key is null");
            requireNonNull(v, "identity value of " + k + " is null");
        });
        tables = List.copyOf(tables);
        requireNonNull(schemaSha256, "schemaSha256 is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** The descriptor of a new run of {@code tables}. */
    static RunDescriptor of(Map<String, String> identity, List<Table<?>> tables, Instant now) {
        return new RunDescriptor(
                FORMAT,
                new TreeMap<>(identity),
                tables.stream().map(Table::name).toList(),
                schemaSha256(tables),
                now);
    }

    /** What differs from {@code wanted}, one line each, {@code createdAt} aside; empty when a run may resume here. */
    List<String> differences(RunDescriptor wanted) {
        List<String> differences = new ArrayList<>();
        if (format != wanted.format) {
            differences.add("format: " + format + " there, " + wanted.format + " now");
        }
        for (String key : union(identity.keySet(), wanted.identity.keySet())) {
            String there = identity.get(key);
            String now = wanted.identity.get(key);
            if (!Objects.equals(there, now)) {
                differences.add(key + ": " + quote(there) + " there, " + quote(now) + " now");
            }
        }
        if (!tables.equals(wanted.tables)) {
            differences.add("tables: " + tables + " there, " + wanted.tables + " now");
        } else if (!schemaSha256.equals(wanted.schemaSha256)) {
            differences.add(
                    "table schemas: the files there were written with other columns (another version of fvm-replay)");
        }
        return differences;
    }

    /** SHA-256 of the Parquet schemas of {@code tables}, in order. */
    static String schemaSha256(List<Table<?>> tables) {
        StringBuilder schemas = new StringBuilder();
        for (Table<?> table : tables) {
            schemas.append(ParquetSchemas.messageType(table)).append('\n');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(schemas.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static String quote(String value) {
        return value == null ? "(not set)" : "'" + value + "'";
    }
}
