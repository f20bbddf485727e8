package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.execution.TipsetTracer;
import org.fvmreplay.cli.FvmReplay;
import org.fvmreplay.conformance.ConformanceResult;
import org.fvmreplay.conformance.ConformanceRunner;
import org.fvmreplay.conformance.MessageOutcome;
import org.fvmreplay.conformance.RepricingReport;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceLists;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.TipsetEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code repricing} table of the job against values computed by hand for a raised price (gas, out-of-gas flips, the
 * fee split), and against the conformance runner's repricing of the same chain messages extracted as test vectors.
 */
class RepricingJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** devnet-a runs network versions 25 to 28: TEEP prices, FVM v4. */
    private static final int CHAIN_NETWORK_VERSION = 28;
    /** Gas units added to the flat price of opening a block (TEEP: 187,440): enough to push some messages over their limit. */
    private static final long BLOCK_OPEN_RAISE = 400_000;

    @TempDir
    static Path tmp;

    private static Path store;
    private static Path network;

    @BeforeAll
    static void importDevnet() {
        network = DevnetChains.network("devnet-a");
        store = DevnetChains.importInto("devnet-a", tmp.resolve("store"));
    }

    @Test
    void raisedPriceGivesHandComputedGasFlipsAndFees() throws Exception {
        Path prices = tmp.resolve("block-open-raised.json");
        long flat = 187_440 + BLOCK_OPEN_RAISE;
        Files.writeString(
                prices, "{\"name\": \"block-open-raised\", \"prices\": {\"block_open\": {\"flat\": " + flat + "}}}");
        // the one charge the file changes, by exactly the raise, as the price list computes it
        GasCharge before = PriceLists.forNetworkVersion(CHAIN_NETWORK_VERSION).onBlockOpenBase();
        GasCharge after =
                Repricing.overrides(prices).priceListFor(CHAIN_NETWORK_VERSION).onBlockOpenBase();
        long raiseMilligas = after.totalMilligas() - before.totalMilligas();
        assertThat(raiseMilligas).isEqualTo(BLOCK_OPEN_RAISE * 1000);

        // epochs 300-329 of devnet-a: null rounds, out-of-gas and reverting messages, FEVM
        Path out = tmp.resolve("out-raised");
        String stdout = job(out, "--from", "300", "--to", "329", "--price-list", prices.toString());

        Map<String, Map<String, long[]>> charges = charges(out);
        int flips = 0;
        int predictedFlips = 0;
        int unchanged = 0;
        int evm = 0;
        try (Connection db = JobDevnetTest.duckdb();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT r.*, m.gas_fee_cap, m.gas_premium FROM " + table(out, "repricing")
                        + " r JOIN " + table(out, "messages") + " m USING (message_cid, execution_epoch)")) {
            int rows = 0;
            while (r.next()) {
                rows++;
                String cid = r.getString("message_cid");
                assertThat(r.getString("error_after")).as(cid).isNull();
                assertThat(r.getString("prices_before")).isEqualTo("TEEP_PRICES");
                assertThat(r.getString("prices_after")).isEqualTo("block-open-raised");
                long gasLimit = r.getLong("gas_limit");
                Map<String, long[]> byName = charges.get(cid);
                long beforeMilligas =
                        byName.values().stream().mapToLong(v -> v[2]).sum();
                long opens = byName.getOrDefault("OnBlockOpenBase", new long[6])[0];
                boolean wasOutOfGas = r.getInt("exit_code_before") == 7;
                // a message's charges sum, rounded up to whole gas, to its gas used; out of gas, the last charge
                // overshoots the limit, which is what it pays
                assertThat(r.getLong("gas_used_before"))
                        .as(cid)
                        .isEqualTo(wasOutOfGas ? gasLimit : wholeGas(beforeMilligas));
                int exitAfter = r.getInt("exit_code_after");
                long gasUsedAfter = r.getLong("gas_used_after");
                assertThat(r.getBoolean("out_of_gas_after")).as(cid).isEqualTo(exitAfter == 7);
                assertThat(r.getBoolean("flips_to_out_of_gas")).as(cid).isEqualTo(exitAfter == 7 && !wasOutOfGas);
                flips += exitAfter == 7 && !wasOutOfGas ? 1 : 0;
                long predicted = beforeMilligas + opens * raiseMilligas;
                if ("evm".equals(r.getString("to_actor_type"))) {
                    // a contract hands its calls a share of the gas left (63/64), so a raise may end in a revert (33)
                    // rather than in running out of gas: only the fees are predicted
                    evm++;
                } else if (predicted > gasLimit * 1000) {
                    // the raise takes it past its gas limit: it now runs out of gas and pays for its whole limit
                    assertThat(exitAfter).as(cid).isEqualTo(7);
                    assertThat(gasUsedAfter).as(cid).isEqualTo(gasLimit);
                    predictedFlips += wasOutOfGas ? 0 : 1;
                } else {
                    // same execution; every block open costs the raise more, and nothing else changes
                    assertThat(exitAfter).as(cid).isEqualTo(r.getInt("exit_code_before"));
                    assertThat(gasUsedAfter).as(cid).isEqualTo(wholeGas(predicted));
                    byName.forEach((name, v) -> {
                        assertThat(v[1]).as("%s %s count after", cid, name).isEqualTo(v[0]);
                        long raise = name.equals("OnBlockOpenBase") ? v[0] * raiseMilligas : 0;
                        assertThat(v[3]).as("%s %s milligas after", cid, name).isEqualTo(v[2] + raise);
                    });
                    unchanged++;
                }
                Fees fees = Fees.of(
                        bigInteger(r, "base_fee"),
                        bigInteger(r, "gas_fee_cap"),
                        bigInteger(r, "gas_premium"),
                        gasLimit,
                        gasUsedAfter);
                assertThat(bigInteger(r, "base_fee_burn_after")).as(cid).isEqualTo(fees.baseFeeBurn());
                assertThat(bigInteger(r, "over_estimation_burn_after")).as(cid).isEqualTo(fees.overEstimationBurn());
                assertThat(bigInteger(r, "miner_tip_after")).as(cid).isEqualTo(fees.minerTip());
                assertThat(bigInteger(r, "refund_after")).as(cid).isEqualTo(fees.refund());
                assertThat(bigInteger(r, "total_fee_after"))
                        .as(cid)
                        .isEqualTo(fees.baseFeeBurn()
                                .add(fees.overEstimationBurn())
                                .add(fees.minerTip()));
            }
            assertThat(rows).isEqualTo(count(out, "messages", "NOT implicit"));
        }
        // the slice has messages the raise pushes over their limit, messages it does not, and contracts
        assertThat(predictedFlips).isPositive();
        assertThat(unchanged).isPositive();
        assertThat(evm).isPositive();
        long messages = count(out, "messages", "NOT implicit");
        assertThat(stdout)
                .contains("repricing under price overrides from " + prices + ": " + flips + " of " + messages
                        + " messages");
    }

    @Test
    void olderNetworkVersionMatchesConformanceRepricingOfTheSameMessages() throws Exception {
        Path out = tmp.resolve("out-nv17");
        job(out, "--from", "300", "--to", "339", "--price-nv", "17");
        List<Map<String, Object>> candidates = new ArrayList<>();
        try (Connection db = JobDevnetTest.duckdb();
                Statement s = db.createStatement();
                // the first message a tipset executes (execution_index 0: no null-round cron ran before it) starts from
                // the tipset's parent state, all of whose blocks are in the chain's CAR; EVM actors read the timestamp,
                // which vectors do not carry (the runner uses epoch * 30), and a delegated sender's inclusion size
                // needs
                // its signature, which vectors do not carry either
                ResultSet r = s.executeQuery("SELECT r.*, m.from_address FROM " + table(out, "repricing") + " r JOIN "
                        + table(out, "messages") + " m USING (message_cid, execution_epoch)"
                        + " WHERE r.execution_index = 0 AND coalesce(r.to_actor_type, '') <> 'evm'"
                        + " AND m.from_address NOT LIKE '_4%' ORDER BY r.execution_epoch")) {
            while (r.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("epoch", r.getLong("execution_epoch"));
                row.put("cid", r.getString("message_cid"));
                row.put("exit_before", r.getInt("exit_code_before"));
                row.put("gas_before", r.getLong("gas_used_before"));
                row.put("exit_after", r.getInt("exit_code_after"));
                row.put("gas_after", r.getLong("gas_used_after"));
                candidates.add(row);
            }
        }
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(2);
        List<Map<String, Object>> checked = candidates.subList(0, Math.min(3, candidates.size()));
        List<CarBlock> chainBlocks;
        try (CarReader reader = CarReader.open(DevnetChains.sharedChains().resolve("devnet-a/chain.car.zst"))) {
            chainBlocks = reader.readAll();
        }
        Path vectors = Files.createDirectories(tmp.resolve("vectors"));
        ReplayJobConfig config = new ReplayJobConfig(
                store.toString(),
                300,
                339,
                Optional.of(network.toString()),
                Optional.empty(),
                "wasmtime",
                50,
                1,
                List.of("tipsets"),
                tmp.resolve("unused").toString(),
                Optional.empty(),
                Optional.empty(),
                SnapshotStore.DEFAULT_BLOCK_CACHE_BYTES);
        int differing = 0;
        try (ReplayResources resources = ReplayResources.acquire(config);
                WasmtimeEngine engine = new WasmtimeEngine(EngineConfig.reference())) {
            ConformanceRunner runner =
                    new ConformanceRunner(DevnetChains.sharedChains().resolve("../actors"), engine);
            for (Map<String, Object> m : checked) {
                long epoch = (long) m.get("epoch");
                Path vector = extractFirstMessage(resources, chainBlocks, epoch, vectors);
                List<RepricingReport> reports = runner.reprice(vector, Repricing.networkVersion(17), false);
                assertThat(reports).hasSize(1);
                RepricingReport report = reports.get(0);
                // the extracted vector reproduces the chain's receipt and our post-state: it is a faithful vector
                assertThat(report.before().status())
                        .as("%s: %s", vector, report.before().reason())
                        .isEqualTo(ConformanceResult.Status.PASS);
                MessageOutcome before = report.before().messages().get(0);
                assertThat(before.actual().gasUsed()).isEqualTo((long) m.get("gas_before"));
                assertThat(before.actual().exitCode()).isEqualTo((long) (int) m.get("exit_before"));
                // the job's repriced run of the message is the conformance runner's repricing of the same message
                MessageOutcome after = report.after().messages().get(0);
                assertThat(after.actual().gasUsed()).as(m.get("cid").toString()).isEqualTo((long) m.get("gas_after"));
                assertThat(after.actual().exitCode())
                        .as(m.get("cid").toString())
                        .isEqualTo((long) (int) m.get("exit_after"));
                differing += (long) m.get("gas_after") != (long) m.get("gas_before") ? 1 : 0;
            }
        }
        // SKYR prices (FVM v2) differ from TEEP's on what these messages do
        assertThat(differing).isPositive();
    }

    /**
     * Writes a message-class test vector of the first message tipset {@code epoch} executes: the chain's blocks as its CAR
     * (the parent state and the actor code), the receipt and post-state root our replay computes for it (the tipset
     * matches the chain, so the receipt is the chain's), the tipset's base fee, and Lotus's circulating supply for devnets
     * (0, see chain/README.md).
     */
    private static Path extractFirstMessage(ReplayResources resources, List<CarBlock> chainBlocks, long epoch, Path dir)
            throws IOException {
        TipsetEntry entry = resources.store().chainIndex().at(epoch).orElseThrow();
        Tipset tipset = resources.chain().tipset(new TipsetKey(entry.key()));
        List<TipsetTracer.MessageApplied> applied = new ArrayList<>();
        resources.executor().execute(tipset, new TipsetTracer() {
            @Override
            public boolean tracesState() {
                return true;
            }

            @Override
            public void messageApplied(MessageApplied m) {
                applied.add(m);
            }
        });
        TipsetTracer.MessageApplied first = applied.get(0);
        assertThat(first.explicit()).isPresent();
        assertThat(first.stateBefore()).contains(tipset.parentStateRoot());
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(car);
                CarWriter writer = new CarWriter(gz, List.of(tipset.parentStateRoot()))) {
            for (CarBlock block : chainBlocks) {
                writer.write(block.cid(), block.data());
            }
        }
        ObjectNode v = JSON.createObjectNode();
        v.put("class", "message");
        v.putObject("_meta").put("id", "devnet-a-" + epoch + "-first-message");
        v.put("car", Base64.getEncoder().encodeToString(car.toByteArray()));
        ObjectNode pre = v.putObject("preconditions");
        pre.putObject("state_tree")
                .putObject("root_cid")
                .put("/", tipset.parentStateRoot().toString());
        pre.put("basefee", tipset.parentBaseFee());
        pre.put("circ_supply", 0);
        pre.putArray("variants")
                .addObject()
                .put("id", "devnet-a")
                .put("epoch", epoch)
                .put("nv", resources.network().networkVersion(epoch));
        v.putArray("apply_messages")
                .addObject()
                .put("bytes", Base64.getEncoder().encodeToString(first.message().encode()));
        ObjectNode post = v.putObject("postconditions");
        post.putObject("state_tree")
                .putObject("root_cid")
                .put("/", first.stateAfter().orElseThrow().toString());
        post.putArray("receipts")
                .addObject()
                .put("exit_code", first.result().exitCode())
                .put("return", Base64.getEncoder().encodeToString(first.result().returnData()))
                .put("gas_used", first.result().gasUsed());
        Path file = dir.resolve("devnet-a-" + epoch + ".json");
        JSON.writeValue(file.toFile(), v);
        return file;
    }

    /** Per message and charge name: count before, count after, milligas before, milligas after. */
    private static Map<String, Map<String, long[]>> charges(Path out) throws SQLException {
        Map<String, Map<String, long[]>> byMessage = new HashMap<>();
        try (Connection db = JobDevnetTest.duckdb();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT message_cid, c.charge_name, c.count_before, c.count_after,"
                        + " c.gas_before_milligas, c.gas_after_milligas FROM (SELECT message_cid, unnest(charges) AS c FROM "
                        + table(out, "repricing") + ")")) {
            while (r.next()) {
                byMessage
                        .computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                        .put(r.getString(2), new long[] {r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)});
            }
        }
        return byMessage;
    }

    private static long count(Path out, String table, String where) throws SQLException {
        try (Connection db = JobDevnetTest.duckdb();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table(out, table) + " WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Milligas rounded up to whole gas, as gas used is (Math.ceilDiv is Java 18). */
    private static long wholeGas(long milligas) {
        return -Math.floorDiv(-milligas, 1000);
    }

    private static String table(Path out, String table) {
        return "read_parquet('" + out.resolve(table) + "/*.parquet')";
    }

    private static BigInteger bigInteger(ResultSet r, String column) throws SQLException {
        return r.getBigDecimal(column).toBigIntegerExact();
    }

    /** Runs the job on devnet-a into {@code out} (writing messages and repricing) and returns its stdout. */
    private static String job(Path out, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = FvmReplay.commandLine();
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(List.of(
                "job",
                "--store",
                store.toString(),
                "--network",
                network.toString(),
                "--tables",
                "messages",
                "--engine",
                "wasmtime",
                "--parallelism",
                "2",
                "--no-progress",
                "--out",
                out.toString()));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", o, e).isZero();
        return o.toString();
    }

    /**
     * The fee split of a message, computed by hand as ref-fvm's {@code GasOutputs::compute} and Lotus's
     * {@code ComputeGasOverestimationBurn} define it (gas over-use allowance 11/10).
     */
    private record Fees(BigInteger baseFeeBurn, BigInteger overEstimationBurn, BigInteger minerTip, BigInteger refund) {
        static Fees of(BigInteger baseFee, BigInteger feeCap, BigInteger premium, long gasLimit, long gasUsed) {
            BigInteger baseFeeToPay = baseFee.min(feeCap);
            BigInteger used = BigInteger.valueOf(gasUsed);
            BigInteger limit = BigInteger.valueOf(gasLimit);
            BigInteger baseFeeBurn = baseFeeToPay.multiply(used);
            BigInteger tipPerGas = premium.min(feeCap.subtract(baseFeeToPay));
            BigInteger minerTip = tipPerGas.multiply(limit);
            long burned;
            if (gasUsed == 0) {
                burned = gasLimit;
            } else {
                long over = gasLimit - (11 * gasUsed) / 10;
                if (over < 0) {
                    burned = 0;
                } else {
                    over = Math.min(over, gasUsed);
                    burned = BigInteger.valueOf(gasLimit - gasUsed)
                            .multiply(BigInteger.valueOf(over))
                            .divide(used)
                            .longValueExact();
                }
            }
            BigInteger overEstimationBurn = baseFeeToPay.multiply(BigInteger.valueOf(burned));
            BigInteger refund = feeCap.multiply(limit)
                    .subtract(baseFeeBurn)
                    .subtract(minerTip)
                    .subtract(overEstimationBurn);
            return new Fees(baseFeeBurn, overEstimationBurn, minerTip, refund);
        }
    }
}
