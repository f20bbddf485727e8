package org.fvmreplay.analytics;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fvmreplay.analytics.rows.CallRow;
import org.fvmreplay.analytics.rows.ChargeRepricing;
import org.fvmreplay.analytics.rows.EventEntry;
import org.fvmreplay.analytics.rows.EventRow;
import org.fvmreplay.analytics.rows.GasChargeRow;
import org.fvmreplay.analytics.rows.MessageRow;
import org.fvmreplay.analytics.rows.RepricingRow;
import org.fvmreplay.analytics.rows.StateDiffRow;
import org.fvmreplay.analytics.rows.StateFieldChange;
import org.fvmreplay.analytics.rows.SyscallRow;
import org.fvmreplay.analytics.rows.TipsetRow;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.analytics.schema.Tables;

/**
 * Rows for every table: {@link #full} sets every field, each to a value no other field of the row has (so a column
 * bound to the wrong accessor shows), with token amounts beyond 2^63; {@link #sparse} leaves every nullable field null
 * and every list empty.
 */
public final class Fixtures {
    /** The largest DECIMAL(38,0). */
    public static final BigInteger MAX_DECIMAL = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private Fixtures() {}

    /** A full row of {@code table} for tipset epoch {@code epoch}; {@code seed} makes rows of the same epoch differ. */
    public static Object full(Table<?> table, long epoch, int seed) {
        Values v = new Values(seed);
        return switch (table.name()) {
            case "tipsets" ->
                new TipsetRow(
                        epoch,
                        List.of(v.cid(), v.cid()),
                        2,
                        25,
                        v.atto(),
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        "MISMATCH",
                        "receipt 3 differs: " + v.s(),
                        v.i(),
                        v.i(),
                        v.l(),
                        v.l(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        12.5 + seed);
            case "messages" ->
                new MessageRow(
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        epoch,
                        epoch + 1,
                        epoch + 2,
                        v.i(),
                        v.i(),
                        false,
                        null,
                        v.addr(),
                        v.l(),
                        v.addr(),
                        v.l(),
                        "evm",
                        v.l(),
                        "InvokeContract",
                        v.atto(),
                        v.bytes(),
                        v.l(),
                        v.l(),
                        v.atto(),
                        v.atto(),
                        33,
                        v.l(),
                        v.bytes(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.cid(),
                        v.i(),
                        "actor error: " + v.s(),
                        "no method " + v.s());
            case "calls" ->
                new CallRow(
                        epoch,
                        v.cid(),
                        2,
                        1,
                        5,
                        v.l(),
                        v.addr(),
                        v.l(),
                        "miner",
                        v.l(),
                        "ChangePeerID",
                        v.atto(),
                        16,
                        "abort: " + v.s(),
                        v.l());
            case "gas_charges" ->
                new GasChargeRow(epoch, v.cid(), v.i(), v.i(), "wasm_exec", v.l(), v.l(), v.l(), v.l());
            case "syscalls" -> new SyscallRow(epoch, v.cid(), "ipld", "block_open", v.l(), v.l());
            case "events" ->
                new EventRow(
                        epoch,
                        v.cid(),
                        v.i(),
                        v.l(),
                        List.of(new EventEntry(3, "t1", 0x55, v.bytes()), new EventEntry(v.l(), "d", 0x55, v.bytes())),
                        List.of(v.bytes(), v.bytes()),
                        v.bytes(),
                        v.bytes(),
                        "trailing bytes " + v.s());
            case "state_diffs" ->
                new StateDiffRow(
                        epoch,
                        epoch + 1,
                        v.cid(),
                        v.i(),
                        v.l(),
                        v.addr(),
                        "modified",
                        "evm",
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        v.cid(),
                        v.l(),
                        v.l(),
                        v.atto(),
                        v.atto().negate(),
                        v.addr(),
                        v.addr(),
                        List.of(
                                new StateFieldChange(0, v.bytes(), v.bytes()),
                                new StateFieldChange(4, null, v.bytes()),
                                new StateFieldChange(5, v.bytes(), null)),
                        "field " + v.s());
            case "repricing" ->
                new RepricingRow(
                        epoch,
                        v.cid(),
                        v.i(),
                        25,
                        "miner",
                        v.l(),
                        "ProveCommitSectors3",
                        v.l(),
                        v.atto(),
                        "TEEP_PRICES",
                        "WATERMELON_PRICES",
                        0,
                        7,
                        v.l(),
                        v.l(),
                        true,
                        true,
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        v.atto(),
                        List.of(
                                new ChargeRepricing("OnChainMessage", 1, 1, v.l(), v.l(), v.l(), v.l()),
                                new ChargeRepricing("wasm_exec", v.l(), v.l(), v.l(), v.l(), v.l(), v.l())),
                        null);
            default -> throw new IllegalArgumentException(table.name());
        };
    }

    /** A row of {@code table} with every nullable field null, every list empty and every byte string empty. */
    public static Object sparse(Table<?> table, long epoch) {
        BigInteger zero = BigInteger.ZERO;
        return switch (table.name()) {
            case "tipsets" ->
                new TipsetRow(
                        epoch,
                        List.of(),
                        0,
                        28,
                        zero,
                        "bafy-parent",
                        null,
                        "bafy-expected",
                        null,
                        "bafy-receipts",
                        "MISSING_STATE",
                        "",
                        0,
                        0,
                        0,
                        0,
                        zero,
                        zero,
                        zero,
                        zero,
                        zero,
                        0.0);
            case "messages" ->
                new MessageRow(
                        "bafy-cron",
                        null,
                        null,
                        epoch,
                        epoch,
                        null,
                        null,
                        0,
                        true,
                        "cron",
                        "f00",
                        null,
                        "f03",
                        null,
                        null,
                        2,
                        null,
                        zero,
                        new byte[0],
                        epoch,
                        Long.MAX_VALUE,
                        zero,
                        zero,
                        0,
                        0,
                        new byte[0],
                        zero,
                        zero,
                        zero,
                        zero,
                        zero,
                        null,
                        0,
                        null,
                        null);
            case "calls" ->
                new CallRow(epoch, "bafy-cron", 0, null, 0, 0, "f03", null, null, 0, null, zero, 0, null, 0);
            case "gas_charges" -> new GasChargeRow(epoch, "bafy-cron", 0, null, "OnChainMessage", 0, 0, 0, 0);
            case "syscalls" -> new SyscallRow(epoch, "bafy-cron", "", "", 0, 0);
            case "events" -> new EventRow(epoch, "bafy-cron", 0, 0, List.of(), null, null, new byte[0], null);
            case "state_diffs" ->
                new StateDiffRow(
                        epoch, epoch, null, null, 0, null, "created", null, null, null, null, null, null, null, null,
                        null, null, null, null, null);
            case "repricing" ->
                new RepricingRow(
                        epoch,
                        "bafy-m",
                        0,
                        21,
                        null,
                        0,
                        null,
                        0,
                        zero,
                        "",
                        "",
                        0,
                        null,
                        0,
                        null,
                        null,
                        null,
                        zero,
                        null,
                        zero,
                        null,
                        zero,
                        null,
                        zero,
                        null,
                        zero,
                        null,
                        List.of(),
                        "cron failed");
            default -> throw new IllegalArgumentException(table.name());
        };
    }

    /** A row of {@code table} at the limits: DECIMAL(38,0) extremes, Long.MIN/MAX, negative numbers where the type allows. */
    public static Object extreme(Table<?> table, long epoch) {
        BigInteger max = MAX_DECIMAL;
        BigInteger min = MAX_DECIMAL.negate();
        return switch (table.name()) {
            case "tipsets" ->
                new TipsetRow(
                        epoch,
                        List.of("x"),
                        Integer.MAX_VALUE,
                        Integer.MIN_VALUE,
                        max,
                        "p",
                        "c",
                        "e",
                        "cr",
                        "er",
                        "MATCH",
                        "\u00e9\u2713",
                        Integer.MAX_VALUE,
                        0,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        min,
                        max,
                        BigInteger.ONE.shiftLeft(63),
                        BigInteger.ONE.shiftLeft(64).negate(),
                        BigInteger.ONE.shiftLeft(126),
                        Double.MAX_VALUE);
            case "messages" ->
                new MessageRow(
                        "m",
                        "s",
                        "b",
                        epoch,
                        epoch,
                        Long.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Integer.MAX_VALUE,
                        false,
                        null,
                        "f410f",
                        Long.MAX_VALUE,
                        "t",
                        0L,
                        "a",
                        Long.MIN_VALUE,
                        "n",
                        max,
                        new byte[] {0, -1, 127, -128},
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        min,
                        max,
                        Integer.MIN_VALUE,
                        -1,
                        new byte[] {-1},
                        BigInteger.ONE.shiftLeft(100),
                        BigInteger.ONE.shiftLeft(100).negate(),
                        BigInteger.ONE,
                        BigInteger.ONE.negate(),
                        BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE),
                        "r",
                        Integer.MAX_VALUE,
                        "",
                        "");
            case "calls" ->
                new CallRow(
                        epoch,
                        "m",
                        Integer.MAX_VALUE,
                        0,
                        Integer.MAX_VALUE,
                        Long.MIN_VALUE,
                        "t",
                        Long.MAX_VALUE,
                        "a",
                        Long.MAX_VALUE,
                        "",
                        max,
                        Integer.MIN_VALUE,
                        "",
                        Long.MAX_VALUE);
            case "gas_charges" ->
                new GasChargeRow(
                        epoch, "m", Integer.MAX_VALUE, 0, "x", Long.MIN_VALUE, Long.MAX_VALUE, -1, Long.MAX_VALUE);
            case "syscalls" -> new SyscallRow(epoch, "m", "n", "x", Long.MAX_VALUE, Long.MIN_VALUE);
            case "events" ->
                new EventRow(
                        epoch,
                        "m",
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        List.of(new EventEntry(Long.MIN_VALUE, "", Long.MAX_VALUE, new byte[0])),
                        List.of(),
                        new byte[0],
                        new byte[] {1},
                        "");
            case "state_diffs" ->
                new StateDiffRow(
                        epoch,
                        Long.MIN_VALUE,
                        "m",
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        "",
                        "deleted",
                        "",
                        "",
                        "",
                        "",
                        "",
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        min,
                        max,
                        "",
                        "",
                        List.of(),
                        "");
            case "repricing" ->
                new RepricingRow(
                        epoch,
                        "m",
                        Integer.MAX_VALUE,
                        Integer.MIN_VALUE,
                        "",
                        Long.MAX_VALUE,
                        "",
                        Long.MIN_VALUE,
                        max,
                        "",
                        "",
                        Integer.MIN_VALUE,
                        Integer.MAX_VALUE,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        false,
                        false,
                        max,
                        min,
                        min,
                        max,
                        max,
                        min,
                        min,
                        max,
                        max,
                        min,
                        List.of(new ChargeRepricing("", Long.MIN_VALUE, Long.MAX_VALUE, -1, Long.MAX_VALUE, 0, -1)),
                        null);
            default -> throw new IllegalArgumentException(table.name());
        };
    }

    /** The tables, for parameterised tests. */
    public static List<Table<?>> tables() {
        return Tables.ALL;
    }

    /** Distinct values: every call returns one no earlier call on the same instance returned. */
    private static final class Values {
        private long next;

        Values(int seed) {
            this.next = 1000L * seed + 1;
        }

        long l() {
            return next++;
        }

        int i() {
            return (int) next++;
        }

        String s() {
            return Long.toString(next++);
        }

        String cid() {
            return "bafy2bzace" + next++;
        }

        String addr() {
            return "f0" + next++;
        }

        byte[] bytes() {
            return ("b" + next++).getBytes(StandardCharsets.UTF_8);
        }

        /** Beyond 2^63, so that a 64-bit shortcut anywhere shows. */
        BigInteger atto() {
            return BigInteger.ONE
                    .shiftLeft(70)
                    .multiply(BigInteger.valueOf(next))
                    .add(BigInteger.valueOf(next++));
        }
    }
}
