package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fvmreplay.cli.FvmReplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to the job ends with exit code 2, one line saying what is wrong and what to do, and nothing written. */
class JobBadInputTest {
    @TempDir
    static Path tmp;

    private static Path store;
    private static Path network;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void importDevnet() {
        network = DevnetChains.network("devnet-a");
        store = DevnetChains.importInto("devnet-a", tmp.resolve("store"));
    }

    private int run(String... args) {
        CommandLine cli = FvmReplay.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all =
                new ArrayList<>(List.of("job", "--engine", "wasmtime", "--parallelism", "1", "--no-progress"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    // the job on the imported devnet-a store and its network file, with args added
    private int runOnDevnet(String... args) {
        List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--network", network.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static List<String> listing(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void noSuchStore() throws Exception {
        Path out = tmp.resolve("out-nostore");
        assertThat(run(
                        "--store",
                        tmp.resolve("nope").toString(),
                        "--network",
                        network.toString(),
                        "--out",
                        out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--store").contains("nope").contains("fvm-replay import");
        assertThat(out).doesNotExist();
    }

    @Test
    void epochsTheStoreDoesNotCover() {
        Path out = tmp.resolve("out-range");
        assertThat(runOnDevnet("--from", "700", "--to", "5000", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("700..5000").contains("0..723");
        assertThat(out).doesNotExist();
    }

    @Test
    void negativeBlockCache() {
        Path out = tmp.resolve("out-cache");
        assertThat(runOnDevnet("--block-cache-mib", "-1", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--block-cache-mib -1");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownTable() {
        Path out = tmp.resolve("out-table");
        assertThat(runOnDevnet("--tables", "messages,receipts", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("receipts").contains("gas_charges");
        assertThat(out).doesNotExist();
    }

    @Test
    void outputFolderOfAnotherRun() throws Exception {
        Path out = tmp.resolve("out-other");
        assertThat(runOnDevnet("--from", "10", "--to", "12", "--tables", "tipsets", "--out", out.toString()))
                .as("%s", err)
                .isZero();
        List<String> before = listing(out);
        assertThat(runOnDevnet("--from", "10", "--to", "20", "--tables", "tipsets", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(out.toString()).contains("to_epoch");
        assertThat(listing(out)).isEqualTo(before);
    }

    @Test
    void outputFolderWithForeignFiles() throws Exception {
        Path out = tmp.resolve("out-foreign");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThat(runOnDevnet("--from", "10", "--to", "12", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(out.toString());
        assertThat(listing(out)).containsExactly("", "notes.txt");
    }

    @Test
    void repricingTableWithoutPrices() {
        Path out = tmp.resolve("out-no-prices");
        assertThat(runOnDevnet("--tables", "messages,repricing", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("repricing").contains("--price-nv or --price-list");
        assertThat(out).doesNotExist();
    }

    @Test
    void priceListOfAnotherGeneration() throws Exception {
        // storage_gas_multiplier is an FVM v2 entry; devnet-a runs FVM v4
        Path prices = tmp.resolve("v2-only.json");
        Files.writeString(prices, "{\"prices\": {\"storage_gas_multiplier\": 2000}}");
        Path out = tmp.resolve("out-v2-prices");
        assertThat(runOnDevnet(
                        "--from", "10", "--to", "12", "--price-list", prices.toString(), "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(prices.toString())
                .contains("network version 25")
                .contains("storage_gas_multiplier");
        assertThat(out).doesNotExist();
        assertThat(run("--store", store.toString(), "--price-nv", "99", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--price-nv 99").contains("network version 99 is not supported");
        assertThat(out).doesNotExist();
    }
}
