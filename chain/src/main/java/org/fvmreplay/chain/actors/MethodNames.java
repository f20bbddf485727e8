package org.fvmreplay.chain.actors;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builtin-actor method names as Lotus shows them, by actor type (the bundle manifest's name: {@code storageminer},
 * {@code evm}, ...) and method number, for actors versions {@value #OLDEST_ACTORS_VERSION} to
 * {@value #NEWEST_ACTORS_VERSION}, and the few methods an actor exports that Lotus leaves unnamed. The table is the resource
 * {@code method-names.tsv} beside this class; exported methods are listed by name and their FRC-0042 numbers computed when
 * it loads.
 */
public final class MethodNames {
    public static final int OLDEST_ACTORS_VERSION = 8;
    public static final int NEWEST_ACTORS_VERSION = 19;
    /** {@link Entry#until()} of a method the newest version listed still has. */
    public static final int OPEN = Integer.MAX_VALUE;

    private static final String SEND = "Send";
    private static final String RESOURCE = "method-names.tsv";
    private static final List<String> HEADER = List.of("actor", "method", "name", "since", "until", "source");

    /**
     * One row of the table.
     *
     * @param exportedAs the name whose FRC-0042 number {@code method} is; empty for a legacy number
     * @param until the last actors version with the method, {@link #OPEN} while the newest one listed has it
     * @param inLotus false for a method the actor exports but Lotus's registry leaves unnamed
     */
    public record Entry(
            String actorType,
            long method,
            String name,
            Optional<String> exportedAs,
            int since,
            int until,
            boolean inLotus) {
        public Entry {
            requireNonNull(actorType, "actorType is null");
            requireNonNull(name, "name is null");
            requireNonNull(exportedAs, "exportedAs is null");
        }

        /** Whether actors version {@code version} has the method (a version newer than the table's counts as the newest). */
        public boolean in(int version) {
            return since <= version && (until == OPEN || version <= until);
        }
    }

    private MethodNames() {}

    /** The name of {@code method} on a {@code actorType} actor in its newest actors version that has one. */
    public static Optional<String> name(String actorType, long method) {
        if (actorType == null) {
            return Optional.empty();
        }
        if (method == 0) {
            return Optional.of(SEND);
        }
        return Table.entries(actorType, method).stream()
                .max(Comparator.comparingInt(Entry::until).thenComparingInt(Entry::since))
                .map(Entry::name);
    }

    /**
     * The name of {@code method} on a {@code actorType} actor of actors version {@code actorsVersion}; empty for an unknown
     * actor type, a method that version does not have, or a version older than {@value #OLDEST_ACTORS_VERSION}. Method 0
     * is {@code Send} on every actor.
     */
    public static Optional<String> name(String actorType, long method, int actorsVersion) {
        if (actorType == null) {
            return Optional.empty();
        }
        if (method == 0) {
            return Optional.of(SEND);
        }
        return Table.entries(actorType, method).stream()
                .filter(e -> e.in(actorsVersion))
                .findFirst()
                .map(Entry::name);
    }

    /** Every row of the table, in its order. */
    public static List<Entry> entries() {
        return Table.ALL;
    }

    /** Parses the table once, on first use. */
    private static final class Table {
        static final List<Entry> ALL;
        static final Map<String, Map<Long, List<Entry>>> BY_ACTOR = new HashMap<>();

        static {
            ALL = List.copyOf(read());
            for (Entry e : ALL) {
                List<Entry> same = BY_ACTOR.computeIfAbsent(e.actorType(), k -> new HashMap<>())
                        .computeIfAbsent(e.method(), k -> new ArrayList<>());
                for (Entry other : same) {
                    // one number, one name per version: overlapping rows would make the answer depend on row order
                    if (e.since() <= other.until() && other.since() <= e.until()) {
                        throw new IllegalStateException(RESOURCE + ": " + e.actorType() + " method " + e.method()
                                + " is both " + other.name() + " and " + e.name() + " in some version");
                    }
                }
                same.add(e);
            }
        }

        static List<Entry> entries(String actorType, long method) {
            return BY_ACTOR.getOrDefault(actorType, Map.of()).getOrDefault(method, List.of());
        }

        private static List<Entry> read() {
            List<Entry> out = new ArrayList<>();
            try (InputStream in = MethodNames.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                boolean header = true;
                int lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    List<String> cells = List.of(line.split("\t", -1));
                    if (header) {
                        if (!cells.equals(HEADER)) {
                            throw new IllegalStateException(RESOURCE + ": header is " + cells + ", expected " + HEADER);
                        }
                        header = false;
                        continue;
                    }
                    try {
                        out.add(entry(cells));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": " + e.getMessage(), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            return out;
        }

        private static Entry entry(List<String> cells) {
            if (cells.size() != HEADER.size()) {
                throw new IllegalArgumentException(cells.size() + " cells, expected " + HEADER.size());
            }
            String method = cells.get(1);
            long number;
            Optional<String> exportedAs;
            if (method.startsWith("#")) {
                exportedAs = Optional.of(method.substring(1));
                number = Frc42.methodNumber(exportedAs.get());
            } else {
                exportedAs = Optional.empty();
                number = Long.parseLong(method);
                if (number <= 0 || number >= Frc42.FIRST_EXPORTED_METHOD) {
                    throw new IllegalArgumentException("legacy method number out of range: " + method);
                }
            }
            int since = Integer.parseInt(cells.get(3));
            int until = cells.get(4).isEmpty() ? OPEN : Integer.parseInt(cells.get(4));
            if (since < OLDEST_ACTORS_VERSION || since > until || (until != OPEN && until > NEWEST_ACTORS_VERSION)) {
                throw new IllegalArgumentException("bad version range " + cells.get(3) + ".." + cells.get(4));
            }
            boolean inLotus = switch (cells.get(5)) {
                case "lotus" -> true;
                case "builtin-actors" -> false;
                default -> throw new IllegalArgumentException("unknown source " + cells.get(5));
            };
            if (cells.get(0).isEmpty() || cells.get(2).isEmpty()) {
                throw new IllegalArgumentException("empty actor type or name");
            }
            return new Entry(cells.get(0), number, cells.get(2), exportedAs, since, until, inLotus);
        }
    }
}
