package org.fvmreplay.job.rows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.analytics.rows.ChargeRepricing;
import org.fvmreplay.analytics.rows.RepricingRow;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.job.ReplayRecord;

/** Turns a tipset replayed under two price lists into the rows of the {@code repricing} table. */
public final class RepricingRows {
    private RepricingRows() {}

    /**
     * One row per explicit message, in execution order, pairing the message's run under the chain's prices with its run
     * under the study's; empty when the tipset was not repriced.
     *
     * @throws IllegalStateException when the two runs applied different explicit messages, which would be a defect: both
     *     apply the tipset's messages in the same order whatever the prices
     */
    public static List<RepricingRow> rows(ReplayRecord.TipsetReplayed r) {
        if (r.repriced().isEmpty()) {
            return List.of();
        }
        ReplayRecord.RepricedRun repriced = r.repriced().get();
        List<ReplayRecord.TracedMessage> before = explicit(r.messages());
        List<ReplayRecord.TracedMessage> after = explicit(repriced.messages());
        if (repriced.error().isEmpty() && after.size() != before.size()) {
            throw new IllegalStateException("epoch " + r.tipset().height() + ": " + before.size()
                    + " explicit messages under the chain's prices but " + after.size() + " under the study's");
        }
        List<RepricingRow> rows = new ArrayList<>(before.size());
        for (int i = 0; i < before.size(); i++) {
            ReplayRecord.TracedMessage b = before.get(i);
            Optional<ReplayRecord.TracedMessage> a =
                    repriced.error().isPresent() ? Optional.empty() : Optional.of(after.get(i));
            if (a.isPresent() && !a.get().messageCid().equals(b.messageCid())) {
                throw new IllegalStateException("epoch " + r.tipset().height() + ": explicit message " + i + " is "
                        + b.messageCid() + " under the chain's prices but "
                        + a.get().messageCid()
                        + " under the study's");
            }
            rows.add(row(r, repriced, b, a));
        }
        return rows;
    }

    private static RepricingRow row(
            ReplayRecord.TipsetReplayed r,
            ReplayRecord.RepricedRun repriced,
            ReplayRecord.TracedMessage before,
            Optional<ReplayRecord.TracedMessage> after) {
        ApplyRet b = before.result();
        Optional<ApplyRet> a = after.map(ReplayRecord.TracedMessage::result);
        String toType = before.receiverType().orElse(null);
        var message = before.message();
        return new RepricingRow(
                before.epoch(),
                before.messageCid().toString(),
                before.position(),
                r.networkVersion(),
                toType,
                message.method(),
                TableRows.methodName(toType, message.method(), r.networkVersion()),
                message.gasLimit(),
                r.tipset().parentBaseFee(),
                repriced.pricesBefore(),
                repriced.pricesAfter(),
                b.exitCode(),
                a.map(ApplyRet::exitCode).orElse(null),
                b.gasUsed(),
                a.map(ApplyRet::gasUsed).orElse(null),
                a.map(x -> x.exitCode() == ExitCodes.SYS_OUT_OF_GAS).orElse(null),
                a.map(x -> x.exitCode() == ExitCodes.SYS_OUT_OF_GAS && b.exitCode() != ExitCodes.SYS_OUT_OF_GAS)
                        .orElse(null),
                b.baseFeeBurn(),
                a.map(ApplyRet::baseFeeBurn).orElse(null),
                b.overEstimationBurn(),
                a.map(ApplyRet::overEstimationBurn).orElse(null),
                b.minerTip(),
                a.map(ApplyRet::minerTip).orElse(null),
                b.refund(),
                a.map(ApplyRet::refund).orElse(null),
                totalFee(b),
                a.map(RepricingRows::totalFee).orElse(null),
                charges(b, a),
                repriced.error().orElse(null));
    }

    /** What the sender pays: the base fee burnt, the over-estimation burnt and the miner's tip (the rest is refunded). */
    static BigInteger totalFee(ApplyRet ret) {
        return ret.baseFeeBurn().add(ret.overEstimationBurn()).add(ret.minerTip());
    }

    /** Per charge name, in order of first charge in either run: count, milligas and wall time in each run. */
    private static List<ChargeRepricing> charges(ApplyRet before, Optional<ApplyRet> after) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        add(byName, before, 0);
        after.ifPresent(a -> add(byName, a, 3));
        List<ChargeRepricing> charges = new ArrayList<>(byName.size());
        byName.forEach((name, v) -> charges.add(new ChargeRepricing(name, v[0], v[3], v[1], v[4], v[2], v[5])));
        return charges;
    }

    /** Adds {@code ret}'s charges to {@code byName} at {@code offset}: count, milligas, elapsed nanoseconds. */
    private static void add(Map<String, long[]> byName, ApplyRet ret, int offset) {
        for (TraceEntry e : ret.trace()) {
            if (e instanceof TraceEntry.GasCharged g) {
                long[] v = byName.computeIfAbsent(g.name(), k -> new long[6]);
                v[offset]++;
                v[offset + 1] += g.totalMilligas();
                v[offset + 2] += g.elapsedNanos();
            }
        }
    }

    private static List<ReplayRecord.TracedMessage> explicit(List<ReplayRecord.TracedMessage> messages) {
        return messages.stream().filter(m -> m.explicit().isPresent()).toList();
    }
}
