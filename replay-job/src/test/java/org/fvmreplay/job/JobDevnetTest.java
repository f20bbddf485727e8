package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.chain.diff.ActorChange;
import org.fvmreplay.chain.diff.StateDiffApplier;
import org.fvmreplay.cli.FvmReplay;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The main job over both shared chains, as the README's first command runs it ({@code job --chains ../shared/chains}),
 * read back with DuckDB and checked against what the reference node recorded: one messages row per receipt with its
 * exit code, gas used, events and method name; gas charges that add up to gas used; every event a row; state diffs that rebuild
 * each tipset's state root from its parent's.
 */
class JobDevnetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path out;
    private static Path stores;
    private static String stdout;

    @BeforeAll
    static void runJob() {
        out = tmp.resolve("out");
        stores = tmp.resolve("stores");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = FvmReplay.commandLine();
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        int exit = cli.execute(
                "job",
                "--chains",
                DevnetChains.sharedChains().toString(),
                "--stores",
                stores.toString(),
                "--out",
                out.toString(),
                "--engine",
                "wasmtime",
                "--parallelism",
                "2",
                "--no-progress");
        stdout = o.toString();
        assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", o, e).isZero();
    }

    static Connection duckdb() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    static String table(String chain, String table) {
        return "read_parquet('" + out.resolve(chain).resolve(table) + "/*.parquet')";
    }

    static List<JsonNode> records(String chain) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ZstdInputStream(Files.newInputStream(
                        DevnetChains.sharedChains().resolve(chain).resolve("tipsets.jsonl.zst"))),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }

    @Test
    void summaryNamesTheTablesAndAQueryToStartWith() {
        assertThat(stdout)
                .contains("devnet-a")
                .contains("devnet-c")
                .contains("messages")
                .contains("state_diffs")
                .contains("read_parquet(");
    }

    @Test
    void everyTipsetHasOneRowWithTheReplayStatus() throws SQLException {
        try (Connection c = duckdb();
                Statement s = c.createStatement()) {
            assertThat(statusCounts(s, "devnet-a")).isEqualTo(Map.of("MATCH", 718L));
            assertThat(statusCounts(s, "devnet-c")).isEqualTo(Map.of("MATCH", 713L, "MIGRATION", 3L));
            ResultSet migrations = s.executeQuery("SELECT list(epoch ORDER BY epoch) FROM "
                    + table("devnet-c", "tipsets") + " WHERE status = 'MIGRATION'");
            migrations.next();
            assertThat(migrations.getString(1)).isEqualTo("[101, 201, 301]");
            ResultSet dupes =
                    s.executeQuery("SELECT count(*) - count(DISTINCT epoch) FROM " + table("devnet-a", "tipsets"));
            dupes.next();
            assertThat(dupes.getLong(1)).isZero();
        }
    }

    private static Map<String, Long> statusCounts(Statement s, String chain) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (ResultSet r = s.executeQuery("SELECT status, count(*) FROM " + table(chain, "tipsets") + " GROUP BY 1")) {
            while (r.next()) {
                counts.put(r.getString(1), r.getLong(2));
            }
        }
        return counts;
    }

    /** A receipt as the chain's tipsets.jsonl records it and as the messages table has it (events root as a CID string). */
    private record ReceiptRow(long exitCode, long gasUsed, long events, String eventsRoot) {}

    @Test
    void everyReceiptOfTheChainsIsExactlyOneMessagesRow() throws Exception {
        for (String chain : List.of("devnet-a", "devnet-c")) {
            Map<String, ReceiptRow> rows = new HashMap<>();
            try (Connection c = duckdb();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT coalesce(signed_cid, message_cid), inclusion_epoch, exit_code, gas_used, event_count, events_root, count(*) OVER "
                                    + "(PARTITION BY message_cid, inclusion_epoch) FROM " + table(chain, "messages")
                                    + " WHERE NOT implicit")) {
                while (r.next()) {
                    assertThat(r.getLong(7))
                            .as("rows of message %s", r.getString(1))
                            .isEqualTo(1);
                    rows.put(
                            r.getString(1) + "@" + r.getLong(2),
                            new ReceiptRow(r.getLong(3), r.getLong(4), r.getLong(5), r.getString(6)));
                }
            }
            int receipts = 0;
            for (JsonNode record : records(chain)) {
                long parent = record.path("parent_epoch").asLong(-1);
                // the receipts of the tipsets right after devnet-c's unported migrations are not replayed
                if (parent < 1 || (chain.equals("devnet-c") && (parent == 101 || parent == 201 || parent == 301))) {
                    continue;
                }
                for (JsonNode receipt : record.get("parent_messages")) {
                    receipts++;
                    ReceiptRow row = rows.get(receipt.get("cid").asText() + "@" + parent);
                    assertThat(row)
                            .as(
                                    "%s: row of message %s included at %s",
                                    chain, receipt.get("cid").asText(), parent)
                            .isNotNull();
                    assertThat(row)
                            .as("receipt of %s", receipt.get("cid"))
                            .isEqualTo(new ReceiptRow(
                                    receipt.get("exit_code").asLong(),
                                    receipt.get("gas_used").asLong(),
                                    receipt.get("events").asLong(),
                                    receipt.get("events_root").isNull()
                                            ? null
                                            : receipt.get("events_root").asText()));
                }
            }
            assertThat(rows).as("%s: messages rows", chain).hasSize(receipts);
            assertThat(receipts).as("%s has messages", chain).isGreaterThan(400);
        }
    }

    @Test
    void methodNamesAreTheOnesLotusShows() throws Exception {
        for (String chain : List.of("devnet-a", "devnet-c")) {
            Map<String, String> names = new HashMap<>();
            try (Connection c = duckdb();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT coalesce(signed_cid, message_cid), inclusion_epoch, to_actor_type, method_name FROM "
                                    + table(chain, "messages") + " WHERE NOT implicit")) {
                while (r.next()) {
                    names.put(r.getString(1) + "@" + r.getLong(2), r.getString(3) + " " + r.getString(4));
                }
            }
            List<String> mismatches = new ArrayList<>();
            int named = 0;
            int checked = 0;
            for (JsonNode record : records(chain)) {
                long parent = record.path("parent_epoch").asLong(-1);
                for (JsonNode receipt : record.get("parent_messages")) {
                    String row = names.get(receipt.get("cid").asText() + "@" + parent);
                    if (row == null) {
                        continue;
                    }
                    checked++;
                    String expected = receipt.hasNonNull("method_name")
                            ? receipt.get("method_name").asText()
                            : null;
                    named += expected != null ? 1 : 0;
                    // Lotus names nothing on a receiver that does not exist ("(none)"); a method 0 row is a Send all
                    // the same
                    if (expected == null
                            && receipt.get("to_actor").asText().equals("(none)")
                            && receipt.get("method").asLong() == 0) {
                        expected = "Send";
                    }
                    if (!row.endsWith(" " + expected)) {
                        mismatches.add(receipt.get("cid").asText() + " at " + parent + ": Lotus "
                                + receipt.get("to_actor").asText() + " " + expected + ", row " + row);
                    }
                }
            }
            System.out.printf(
                    "%s method names: %d receipts with a row, %d named by Lotus, %d differ%n",
                    chain, checked, named, mismatches.size());
            assertThat(mismatches).as(chain).isEmpty();
            assertThat(named).as(chain).isGreaterThan(400);
            assertThat(checked).as(chain).isGreaterThan(named);
        }
    }

    @Test
    void gasChargesOfEachMessageAddUpToItsGasUsed() throws SQLException {
        for (String chain : List.of("devnet-a", "devnet-c")) {
            try (Connection c = duckdb();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT m.message_cid, m.execution_epoch, m.gas_used, m.exit_code, m.gas_limit, coalesce(g.milligas, 0) FROM "
                                    + table(chain, "messages")
                                    + " m LEFT JOIN (SELECT message_cid, execution_epoch, sum(total_milligas) AS milligas FROM "
                                    + table(chain, "gas_charges")
                                    + " GROUP BY ALL) g USING (message_cid, execution_epoch)")) {
                int checked = 0;
                while (r.next()) {
                    long gasUsed = r.getLong(3);
                    long milligas = new BigDecimal(r.getString(6)).longValueExact();
                    if (r.getInt(4) == 7) {
                        // out of gas: the whole limit is used, whatever the last charge asked for
                        assertThat(gasUsed).isEqualTo(r.getLong(5));
                    } else {
                        assertThat((milligas + 999) / 1000)
                                .as("%s: charges of %s at %s", chain, r.getString(1), r.getLong(2))
                                .isEqualTo(gasUsed);
                    }
                    checked++;
                }
                assertThat(checked).isGreaterThan(1000);
            }
        }
    }

    @Test
    void everyEventIsARowAndFevmLogsAreDecoded() throws SQLException {
        for (String chain : List.of("devnet-a", "devnet-c")) {
            try (Connection c = duckdb();
                    Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("SELECT (SELECT sum(event_count) FROM " + table(chain, "messages")
                        + "), (SELECT count(*) FROM " + table(chain, "events")
                        + "), (SELECT count(*) FROM " + table(chain, "events")
                        + " WHERE decode_error IS NOT NULL), (SELECT count(*) FROM " + table(chain, "events")
                        + " WHERE topics IS NOT NULL AND len(topics) > 0)");
                r.next();
                assertThat(r.getLong(2))
                        .as("%s: event rows", chain)
                        .isEqualTo(r.getLong(1))
                        .isPositive();
                assertThat(r.getLong(3)).as("%s: undecodable events", chain).isZero();
                assertThat(r.getLong(4)).as("%s: FEVM logs with topics", chain).isPositive();
            }
        }
    }

    @Test
    void callTreesStartWithTheMessageItself() throws SQLException {
        try (Connection c = duckdb();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE call_index = 0 AND parent_index IS NULL AND depth = 0), "
                            + "count(*) FILTER (WHERE call_index > 0 AND parent_index IS NULL), max(depth) FROM "
                            + table("devnet-a", "calls"));
            r.next();
            assertThat(r.getLong(1)).isGreaterThan(r.getLong(2));
            assertThat(r.getLong(3)).as("nested calls without a parent").isZero();
            assertThat(r.getInt(4)).as("deepest call").isGreaterThanOrEqualTo(2);
            // nested calls are resolved in the tipset's parent state: all but calls to actors the tipset creates
            r = s.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE to_id IS NOT NULL AND to_actor_type IS NOT NULL), "
                            + "count(*) FILTER (WHERE to_actor_type = 'reward' AND method_name = 'ThisEpochReward') FROM "
                            + table("devnet-a", "calls") + " WHERE depth > 0");
            r.next();
            assertThat(r.getLong(2)).as("resolved nested calls").isGreaterThan(r.getLong(1) * 9 / 10);
            assertThat(r.getLong(3)).as("reward.ThisEpochReward calls of cron").isPositive();
        }
    }

    @Test
    void stateDiffsAppliedToTheParentStateGiveTheComputedRoot() throws Exception {
        for (String chain : List.of("devnet-a", "devnet-c")) {
            Map<Long, List<ActorChange>> byTipset = new LinkedHashMap<>();
            Map<Long, String[]> roots = new HashMap<>();
            try (Connection c = duckdb();
                    Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT epoch, parent_state_root, computed_state_root FROM "
                        + table(chain, "tipsets") + " WHERE status = 'MATCH'")) {
                    while (r.next()) {
                        roots.put(r.getLong(1), new String[] {r.getString(2), r.getString(3)});
                        byTipset.put(r.getLong(1), new ArrayList<>());
                    }
                }
                try (ResultSet r = s.executeQuery(
                        "SELECT tipset_epoch, actor_id, old_code, new_code, old_head, new_head, old_nonce, new_nonce, CAST(old_balance AS VARCHAR), "
                                + "CAST(new_balance AS VARCHAR), old_delegated_address, new_delegated_address FROM "
                                + table(chain, "state_diffs")
                                + " ORDER BY tipset_epoch, execution_index NULLS FIRST")) {
                    while (r.next()) {
                        List<ActorChange> changes = byTipset.get(r.getLong(1));
                        if (changes != null) {
                            changes.add(ActorChange.of(
                                    r.getLong(2),
                                    actor(
                                            r.getString(3),
                                            r.getString(5),
                                            r.getObject(7),
                                            r.getString(9),
                                            r.getString(11)),
                                    actor(
                                            r.getString(4),
                                            r.getString(6),
                                            r.getObject(8),
                                            r.getString(10),
                                            r.getString(12))));
                        }
                    }
                }
            }
            try (SnapshotStore store = SnapshotStore.openReadOnly(stores.resolve(chain))) {
                for (Map.Entry<Long, List<ActorChange>> tipset : byTipset.entrySet()) {
                    Blockstore overlay = overlay(store.blocks());
                    Cid rebuilt = StateDiffApplier.apply(
                            overlay, Cid.parse(roots.get(tipset.getKey())[0]), tipset.getValue());
                    assertThat(rebuilt.toString())
                            .as(
                                    "%s: state of %s rebuilt from %s changes",
                                    chain, tipset.getKey(), tipset.getValue().size())
                            .isEqualTo(roots.get(tipset.getKey())[1]);
                }
            }
            assertThat(byTipset).hasSizeGreaterThan(700);
        }
    }

    private static Optional<ActorState> actor(
            String code, String head, Object nonce, String balance, String delegated) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.of(new ActorState(
                Cid.parse(code),
                Cid.parse(head),
                ((Number) nonce).longValue(),
                new BigDecimal(balance).toBigIntegerExact(),
                Optional.ofNullable(delegated).map(Address::parse)));
    }

    /** Reads through to {@code base}, keeps writes in memory. */
    private static Blockstore overlay(Blockstore base) {
        MemoryBlockstore written = new MemoryBlockstore();
        return new Blockstore() {
            @Override
            public byte[] get(Cid cid) {
                byte[] data = written.get(cid);
                return data != null ? data : base.get(cid);
            }

            @Override
            public boolean has(Cid cid) {
                return written.has(cid) || base.has(cid);
            }

            @Override
            public void put(Cid cid, byte[] data) {
                written.put(cid, data);
            }
        };
    }
}
