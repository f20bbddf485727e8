package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.chain.receipt.Receipts;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Replays a tipset and checks it against the chain: the computed state root and receipts root against the parent state
 * root and parent receipts root its child records; on a mismatch, the first receipt that differs.
 */
public final class TipsetReplay {
    private final ChainStore chain;
    private final TipsetExecutor executor;

    public TipsetReplay(ChainStore chain, TipsetExecutor executor) {
        this.chain = requireNonNull(chain, "chain is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Replays {@code tipset}, whose child on the chain is {@code child} (the tipset whose parents are its key). */
    public TipsetReport replay(Tipset tipset, Tipset child) {
        return replay(tipset, child, TipsetTracer.NONE);
    }

    /** Replays {@code tipset} as {@link #replay(Tipset, Tipset)} does, telling {@code tracer} of every message it applies. */
    public TipsetReport replay(Tipset tipset, Tipset child, TipsetTracer tracer) {
        requireNonNull(tipset, "tipset is null");
        requireNonNull(child, "child is null");
        requireNonNull(tracer, "tracer is null");
        if (!child.parents().equals(tipset.key())) {
            throw new IllegalArgumentException(child + " is not a child of " + tipset);
        }
        Cid expectedState = child.parentStateRoot();
        Cid expectedReceipts = child.parentMessageReceipts();
        long started = System.nanoTime();
        TipsetOutcome outcome;
        try {
            outcome = executor.execute(tipset, tracer);
        } catch (TipsetExecutionException e) {
            return report(
                    tipset,
                    -1,
                    ReplayStatus.MISMATCH,
                    e.getMessage(),
                    Optional.empty(),
                    expectedState,
                    Optional.empty(),
                    expectedReceipts,
                    0,
                    Optional.empty(),
                    started);
        }
        if (outcome instanceof TipsetOutcome.MigrationRequired m) {
            return report(
                    tipset,
                    m.upgrade().networkVersion(),
                    ReplayStatus.MIGRATION,
                    "the state migration to network version " + m.upgrade().networkVersion()
                            + m.upgrade().actorsVersion().stream()
                                    .mapToObj(v -> " (actors v" + v + ")")
                                    .findFirst()
                                    .orElse("")
                            + (m.upgrade().name().isEmpty()
                                    ? ""
                                    : ", " + m.upgrade().name()) + " at height "
                            + m.upgrade().height() + " is not ported",
                    Optional.empty(),
                    expectedState,
                    Optional.empty(),
                    expectedReceipts,
                    0,
                    Optional.empty(),
                    started);
        }
        if (outcome instanceof TipsetOutcome.Unsupported u) {
            return report(
                    tipset,
                    u.networkVersion(),
                    ReplayStatus.UNSUPPORTED,
                    u.reason(),
                    Optional.empty(),
                    expectedState,
                    Optional.empty(),
                    expectedReceipts,
                    0,
                    Optional.empty(),
                    started);
        }
        if (outcome instanceof TipsetOutcome.MissingState missing) {
            return report(
                    tipset,
                    -1,
                    ReplayStatus.MISSING_STATE,
                    "block " + missing.missing() + " is not in the store",
                    Optional.empty(),
                    expectedState,
                    Optional.empty(),
                    expectedReceipts,
                    0,
                    Optional.empty(),
                    started);
        }
        TipsetOutcome.Executed executed = (TipsetOutcome.Executed) outcome;
        int count = executed.messages().size();
        boolean stateMatches = executed.stateRoot().equals(expectedState);
        boolean receiptsMatch = executed.receiptsRoot().equals(expectedReceipts);
        if (stateMatches && receiptsMatch) {
            return report(
                    tipset,
                    executed.networkVersion(),
                    ReplayStatus.MATCH,
                    "state and receipts match (" + count + " messages)",
                    Optional.of(executed.stateRoot()),
                    expectedState,
                    Optional.of(executed.receiptsRoot()),
                    expectedReceipts,
                    count,
                    Optional.empty(),
                    started);
        }
        List<MessageReceipt> expected;
        try {
            expected = Receipts.load(chain.blockstore(), expectedReceipts);
        } catch (MissingBlockException e) {
            return report(
                    tipset,
                    executed.networkVersion(),
                    ReplayStatus.MISSING_STATE,
                    "receipts block " + e.cid() + " of the child is not in the store",
                    Optional.of(executed.stateRoot()),
                    expectedState,
                    Optional.of(executed.receiptsRoot()),
                    expectedReceipts,
                    count,
                    Optional.empty(),
                    started);
        }
        Optional<TipsetReport.ReceiptDifference> difference = firstDifference(executed, expected);
        String detail = (stateMatches
                        ? "state root matches"
                        : "state root " + executed.stateRoot() + " != " + expectedState)
                + ", "
                + (receiptsMatch
                        ? "receipts root matches"
                        : "receipts root " + executed.receiptsRoot() + " != " + expectedReceipts)
                + difference
                        .map(d -> ", first differing receipt #" + d.index()
                                + d.messageCid().map(c -> " (" + c + ")").orElse("") + ": expected "
                                + d.expected().map(TipsetReplay::describe).orElse("none") + ", got "
                                + d.actual().map(TipsetReplay::describe).orElse("none"))
                        .orElse("");
        return report(
                tipset,
                executed.networkVersion(),
                ReplayStatus.MISMATCH,
                detail,
                Optional.of(executed.stateRoot()),
                expectedState,
                Optional.of(executed.receiptsRoot()),
                expectedReceipts,
                count,
                difference,
                started);
    }

    private static Optional<TipsetReport.ReceiptDifference> firstDifference(
            TipsetOutcome.Executed executed, List<MessageReceipt> expected) {
        int n = Math.max(expected.size(), executed.messages().size());
        for (int i = 0; i < n; i++) {
            Optional<MessageReceipt> want = i < expected.size() ? Optional.of(expected.get(i)) : Optional.empty();
            Optional<MessageReceipt> got = i < executed.messages().size()
                    ? Optional.of(executed.messages().get(i).receipt())
                    : Optional.empty();
            if (!want.equals(got)) {
                Optional<Cid> cid = i < executed.messages().size()
                        ? Optional.of(executed.messages().get(i).message().cid())
                        : Optional.empty();
                return Optional.of(new TipsetReport.ReceiptDifference(i, cid, want, got));
            }
        }
        return Optional.empty();
    }

    private static String describe(MessageReceipt r) {
        return "exit " + r.exitCode() + " gas " + r.gasUsed() + " return "
                + java.util.HexFormat.of().formatHex(r.returnData()) + " events "
                + r.eventsRoot().map(Cid::toString).orElse("none");
    }

    private static TipsetReport report(
            Tipset tipset,
            int nv,
            ReplayStatus status,
            String detail,
            Optional<Cid> state,
            Cid expectedState,
            Optional<Cid> receipts,
            Cid expectedReceipts,
            int messages,
            Optional<TipsetReport.ReceiptDifference> difference,
            long started) {
        return new TipsetReport(
                tipset.height(),
                tipset.key(),
                nv,
                status,
                detail,
                state,
                expectedState,
                receipts,
                expectedReceipts,
                messages,
                difference,
                System.nanoTime() - started);
    }
}
