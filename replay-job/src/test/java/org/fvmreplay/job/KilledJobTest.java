package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fvmreplay.cli.FvmReplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A job killed at three points (SIGKILL, in a child JVM) and rerun gives the same rows as an uninterrupted run: no
 * duplicate, no partial file, at any point a reader looks.
 */
class KilledJobTest {
    /** Columns that measure time: the only ones two runs may differ in. */
    private static final Map<String, String> TIMED = Map.of("tipsets", "elapsed_ms", "gas_charges", "elapsed_ns");

    private static final List<String> TABLES =
            List.of("tipsets", "messages", "calls", "gas_charges", "syscalls", "events", "state_diffs");

    @TempDir
    static Path tmp;

    private static Path store;
    private static Path network;

    @BeforeAll
    static void importDevnet() {
        network = DevnetChains.network("devnet-a");
        store = DevnetChains.importInto("devnet-a", tmp.resolve("store"));
    }

    private static String[] args(Path out) {
        // epochs 300-419 of devnet-a: null rounds, failing messages, FEVM events; 12 chunks of 10
        return new String[] {
            "job",
            "--store",
            store.toString(),
            "--network",
            network.toString(),
            "--from",
            "300",
            "--to",
            "419",
            "--chunk-epochs",
            "10",
            "--engine",
            "wasmtime",
            "--parallelism",
            "2",
            "--out",
            out.toString(),
            "--no-progress"
        };
    }

    private static int runInProcess(Path out) {
        CommandLine cli = FvmReplay.commandLine();
        StringWriter sink = new StringWriter();
        cli.setOut(new PrintWriter(sink, true));
        cli.setErr(new PrintWriter(sink, true));
        int exit = cli.execute(args(out));
        assertThat(exit).as("%s", sink).isZero();
        return exit;
    }

    private static long manifests(Path out) throws Exception {
        Path dir = out.resolve("_manifests");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    /** Starts the job in a child JVM and kills it (SIGKILL) once {@code chunks} chunks are committed, or at once for 0. */
    private static void runAndKill(Path out, long chunks) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command =
                new java.util.ArrayList<>(List.of(java.toString(), "-cp", classpath, FvmReplay.class.getName()));
        command.addAll(List.of(args(out)));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long before = manifests(out);
        while (child.isAlive() && manifests(out) < before + chunks && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertEveryFileReadable(out);
    }

    /** What a reader sees at any time: every Parquet file in a table folder is whole. */
    private static void assertEveryFileReadable(Path out) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                Path dir = out.resolve(table);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        assertThat(file.getFileName().toString())
                                .as("only finished files in %s", dir)
                                .endsWith(".parquet");
                        try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                            assertThat(r.next()).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void killedThreeTimesThenRerunGivesTheRowsOfAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        runInProcess(reference);

        Path killed = tmp.resolve("killed");
        runAndKill(killed, 0);
        runAndKill(killed, 1);
        runAndKill(killed, 3);
        assertThat(manifests(killed)).as("chunks done before the last rerun").isLessThan(12);
        runInProcess(killed);
        assertThat(manifests(killed)).isEqualTo(12);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                String exclude = TIMED.containsKey(table) ? " EXCLUDE (" + TIMED.get(table) + ")" : "";
                String a = "SELECT *" + exclude + " FROM read_parquet('" + reference.resolve(table) + "/*.parquet')";
                String b = "SELECT *" + exclude + " FROM read_parquet('" + killed.resolve(table) + "/*.parquet')";
                try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM (" + a + ")), (SELECT count(*) FROM ("
                        + b + ")), (SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")), (SELECT count(*) FROM (" + b
                        + " EXCEPT ALL " + a + "))")) {
                    r.next();
                    assertThat(r.getLong(2))
                            .as("%s rows after kills and a rerun", table)
                            .isEqualTo(r.getLong(1));
                    assertThat(r.getLong(3) + r.getLong(4))
                            .as("%s rows that differ", table)
                            .isZero();
                    if (!table.equals("state_diffs") && !table.equals("events")) {
                        assertThat(r.getLong(1)).as("%s has rows", table).isPositive();
                    }
                }
            }
        }
    }
}
