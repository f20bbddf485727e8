package org.fvmreplay.job.rows;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fvmreplay.analytics.rows.CallRow;
import org.fvmreplay.analytics.rows.EventEntry;
import org.fvmreplay.analytics.rows.EventRow;
import org.fvmreplay.analytics.rows.GasChargeRow;
import org.fvmreplay.analytics.rows.MessageRow;
import org.fvmreplay.analytics.rows.StateDiffRow;
import org.fvmreplay.analytics.rows.StateFieldChange;
import org.fvmreplay.analytics.rows.SyscallRow;
import org.fvmreplay.analytics.rows.TipsetRow;
import org.fvmreplay.chain.actors.ActorsVersions;
import org.fvmreplay.chain.actors.MethodNames;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.diff.ActorChange;
import org.fvmreplay.chain.diff.FieldDiffResult;
import org.fvmreplay.chain.execution.ReplayStatus;
import org.fvmreplay.chain.execution.TipsetReport;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.job.ReplayRecord;

/**
 * Turns a replayed tipset into the rows of each analytics table. Pure functions of the record: the replay operator has
 * already read everything that needs the store.
 */
public final class TableRows {
    /** FEVM logs carry their topics under these keys (in order) and their data under {@code d} (FRC-0049 style events of the EVM actor). */
    private static final List<String> TOPIC_KEYS = List.of("t1", "t2", "t3", "t4");

    private static final String DATA_KEY = "d";

    private TableRows() {}

    /** The row of the {@code tipsets} table. */
    public static TipsetRow tipset(ReplayRecord.TipsetReplayed r) {
        Tipset tipset = r.tipset();
        Optional<TipsetReport> report = r.report();
        long gasUsed = 0;
        long gasLimit = 0;
        BigInteger baseFeeBurn = BigInteger.ZERO;
        BigInteger overEstimationBurn = BigInteger.ZERO;
        BigInteger minerTip = BigInteger.ZERO;
        BigInteger minerPenalty = BigInteger.ZERO;
        BigInteger refund = BigInteger.ZERO;
        int explicit = 0;
        for (ReplayRecord.TracedMessage m : r.messages()) {
            if (m.explicit().isEmpty()) {
                continue;
            }
            explicit++;
            ApplyRet ret = m.result();
            gasUsed += ret.gasUsed();
            gasLimit += m.message().gasLimit();
            baseFeeBurn = baseFeeBurn.add(ret.baseFeeBurn());
            overEstimationBurn = overEstimationBurn.add(ret.overEstimationBurn());
            minerTip = minerTip.add(ret.minerTip());
            minerPenalty = minerPenalty.add(ret.penalty());
            refund = refund.add(ret.refund());
        }
        String status = report.map(t -> t.status().name()).orElse(ReplayStatus.MISSING_STATE.name());
        String detail = report.map(TipsetReport::detail)
                .orElse("its child tipset is not in the store: the replay cannot be checked");
        int messageCount = report.map(TipsetReport::messages).orElse(explicit);
        return new TipsetRow(
                tipset.height(),
                tipset.cids().stream().map(Cid::toString).toList(),
                tipset.blocks().size(),
                r.networkVersion(),
                tipset.parentBaseFee(),
                tipset.parentStateRoot().toString(),
                report.flatMap(TipsetReport::computedStateRoot)
                        .map(Cid::toString)
                        .orElse(null),
                r.child().map(c -> c.parentStateRoot().toString()).orElse(null),
                report.flatMap(TipsetReport::computedReceiptsRoot)
                        .map(Cid::toString)
                        .orElse(null),
                r.child().map(c -> c.parentMessageReceipts().toString()).orElse(null),
                status,
                detail,
                messageCount,
                r.messages().size() - explicit,
                gasUsed,
                gasLimit,
                baseFeeBurn,
                overEstimationBurn,
                minerTip,
                minerPenalty,
                refund,
                report.map(t -> t.elapsedNanos() / 1e6).orElse(0.0));
    }

    /** The rows of the {@code messages} table: explicit messages in receipt order interleaved with rewards and crons, in execution order. */
    public static List<MessageRow> messages(ReplayRecord.TipsetReplayed r) {
        List<MessageRow> rows = new ArrayList<>(r.messages().size());
        int receiptIndex = 0;
        Long receiptEpoch = r.child().map(Tipset::height).orElse(null);
        for (ReplayRecord.TracedMessage m : r.messages()) {
            ApplyRet ret = m.result();
            var msg = m.message();
            Optional<ChainMessage> chainMessage = m.explicit().map(e -> e.message());
            String signedCid = chainMessage
                    .filter(c -> c.signature().isPresent())
                    .map(c -> c.cid().toString())
                    .orElse(null);
            String blockCid = m.explicit().map(e -> e.block().toString()).orElse(null);
            Integer index = m.explicit().isPresent() ? receiptIndex++ : null;
            String toType = m.receiverType().orElse(null);
            rows.add(new MessageRow(
                    m.messageCid().toString(),
                    signedCid,
                    blockCid,
                    r.tipset().height(),
                    m.epoch(),
                    m.explicit().isPresent() ? receiptEpoch : null,
                    index,
                    m.position(),
                    m.explicit().isEmpty(),
                    m.implicitKind().orElse(null),
                    msg.from().toString(),
                    firstCallFrom(ret).orElse(idOf(msg.from())),
                    msg.to().toString(),
                    idOf(msg.to()),
                    toType,
                    msg.method(),
                    methodName(toType, msg.method(), r.networkVersion()),
                    msg.value(),
                    msg.params(),
                    msg.sequence(),
                    msg.gasLimit(),
                    msg.gasFeeCap(),
                    msg.gasPremium(),
                    ret.exitCode(),
                    ret.gasUsed(),
                    ret.returnData(),
                    ret.baseFeeBurn(),
                    ret.overEstimationBurn(),
                    ret.penalty(),
                    ret.minerTip(),
                    ret.refund(),
                    ret.eventsRoot().map(Cid::toString).orElse(null),
                    ret.events().size(),
                    ret.failureInfo(),
                    null));
        }
        return rows;
    }

    /** The rows of the {@code calls} table: every call of every message, in the order the calls began. */
    public static List<CallRow> calls(ReplayRecord.TipsetReplayed r) {
        List<CallRow> rows = new ArrayList<>();
        for (ReplayRecord.TracedMessage m : r.messages()) {
            String cid = m.messageCid().toString();
            List<TraceEntry.CallStarted> started = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            Map<Integer, TraceEntry.CallReturned> returned = new LinkedHashMap<>();
            Deque<Integer> open = new ArrayDeque<>();
            for (TraceEntry e : m.result().trace()) {
                if (e instanceof TraceEntry.CallStarted s) {
                    parents.add(open.peek());
                    open.push(started.size());
                    started.add(s);
                } else if (e instanceof TraceEntry.CallReturned ret && !open.isEmpty()) {
                    returned.put(open.pop(), ret);
                }
            }
            for (int i = 0; i < started.size(); i++) {
                TraceEntry.CallStarted s = started.get(i);
                TraceEntry.CallReturned ret = returned.get(i);
                Optional<ReplayRecord.Callee> callee =
                        Optional.ofNullable(m.callees().get(s.to()));
                Long toId = idOf(s.to());
                if (toId == null) {
                    toId = callee.map(ReplayRecord.Callee::id).orElse(null);
                }
                // a call the message's abort cut short never returned: it has no exit code of its own, so it gets the
                // message's
                int exitCode = ret != null ? ret.exitCode() : m.result().exitCode();
                String error = ret != null
                        ? ret.error()
                        : "aborted with the message (" + m.result().failureInfo() + ")";
                long gas = ret != null ? ret.gasMilligas() : 0;
                // types as the tipset's parent state has them: unknown for actors the tipset creates
                String toType = i == 0
                        ? m.receiverType().orElse(null)
                        : callee.flatMap(ReplayRecord.Callee::actorType).orElse(null);
                rows.add(new CallRow(
                        m.epoch(),
                        cid,
                        i,
                        parents.get(i),
                        s.depth(),
                        s.from(),
                        s.to(),
                        toId,
                        toType,
                        s.method(),
                        methodName(toType, s.method(), r.networkVersion()),
                        s.value(),
                        exitCode,
                        error,
                        gas));
            }
        }
        return rows;
    }

    /** The rows of the {@code gas_charges} table, each with the call that was running when it was charged. */
    public static List<GasChargeRow> gasCharges(ReplayRecord.TipsetReplayed r) {
        List<GasChargeRow> rows = new ArrayList<>();
        for (ReplayRecord.TracedMessage m : r.messages()) {
            String cid = m.messageCid().toString();
            Deque<Integer> open = new ArrayDeque<>();
            int calls = 0;
            int charge = 0;
            for (TraceEntry e : m.result().trace()) {
                if (e instanceof TraceEntry.CallStarted) {
                    open.push(calls++);
                } else if (e instanceof TraceEntry.CallReturned && !open.isEmpty()) {
                    open.pop();
                } else if (e instanceof TraceEntry.GasCharged g) {
                    rows.add(new GasChargeRow(
                            m.epoch(),
                            cid,
                            charge++,
                            open.peek(),
                            g.name(),
                            g.computeMilligas(),
                            g.storageMilligas(),
                            g.totalMilligas(),
                            g.elapsedNanos()));
                }
            }
        }
        return rows;
    }

    /** The rows of the {@code syscalls} table: per message and syscall, how often it was called and the gas charged while it ran. */
    public static List<SyscallRow> syscalls(ReplayRecord.TipsetReplayed r) {
        List<SyscallRow> rows = new ArrayList<>();
        for (ReplayRecord.TracedMessage m : r.messages()) {
            Map<String, long[]> perSyscall = new LinkedHashMap<>();
            for (TraceEntry e : m.result().trace()) {
                if (e instanceof TraceEntry.SyscallReturned s) {
                    long[] countAndGas =
                            perSyscall.computeIfAbsent(s.namespace() + "\u0000" + s.name(), k -> new long[2]);
                    countAndGas[0]++;
                    countAndGas[1] += s.gasMilligas();
                }
            }
            String cid = m.messageCid().toString();
            perSyscall.forEach((key, v) -> {
                int split = key.indexOf('\u0000');
                rows.add(new SyscallRow(m.epoch(), cid, key.substring(0, split), key.substring(split + 1), v[0], v[1]));
            });
        }
        return rows;
    }

    /** The rows of the {@code events} table: every event of a message's receipt, decoded where it can be. */
    public static List<EventRow> events(ReplayRecord.TipsetReplayed r) {
        List<EventRow> rows = new ArrayList<>();
        for (ReplayRecord.TracedMessage m : r.messages()) {
            String cid = m.messageCid().toString();
            int index = 0;
            for (CallManager.Event event : m.result().events()) {
                rows.add(event(m.epoch(), cid, index++, event));
            }
        }
        return rows;
    }

    static EventRow event(long epoch, String messageCid, int index, CallManager.Event event) {
        byte[] raw = event.encoded();
        List<EventEntry> entries = new ArrayList<>();
        try {
            // ActorEvent: [[flags, key, codec, value], ...]
            CborReader reader = CborReader.strict(raw);
            int n = reader.readArrayHeader();
            for (int i = 0; i < n; i++) {
                reader.readArrayHeader(4);
                long flags = reader.readUnsigned64();
                String key = reader.readText();
                long codec = reader.readUnsigned64();
                byte[] value = reader.readBytes();
                entries.add(new EventEntry(flags, key, codec, value));
            }
            reader.expectEnd();
        } catch (RuntimeException e) {
            return new EventRow(
                    epoch,
                    messageCid,
                    index,
                    event.emitter(),
                    List.of(),
                    null,
                    null,
                    raw,
                    "not an ActorEvent: " + e.getMessage());
        }
        List<byte[]> topics = null;
        byte[] data = null;
        if (!entries.isEmpty()
                && entries.stream()
                        .allMatch(e -> TOPIC_KEYS.contains(e.key()) || e.key().equals(DATA_KEY))) {
            topics = new ArrayList<>();
            for (String key : TOPIC_KEYS) {
                for (EventEntry e : entries) {
                    if (e.key().equals(key)) {
                        topics.add(e.value());
                    }
                }
            }
            for (EventEntry e : entries) {
                if (e.key().equals(DATA_KEY)) {
                    data = e.value();
                }
            }
        }
        return new EventRow(epoch, messageCid, index, event.emitter(), entries, topics, data, raw, null);
    }

    /** The rows of the {@code state_diffs} table: every actor each message changed (and those a migration changed, with no message). */
    public static List<StateDiffRow> stateDiffs(ReplayRecord.TipsetReplayed r) {
        Map<Cid, String> actorTypes = r.actorTypes();
        List<StateDiffRow> rows = new ArrayList<>();
        for (ReplayRecord.ActorStateChange change : r.migration()) {
            rows.add(stateDiff(r.tipset().height(), r.tipset().height(), null, null, change, actorTypes));
        }
        for (ReplayRecord.TracedMessage m : r.messages()) {
            String cid = m.messageCid().toString();
            for (ReplayRecord.ActorStateChange change : m.changes()) {
                rows.add(stateDiff(r.tipset().height(), m.epoch(), cid, m.position(), change, actorTypes));
            }
        }
        return rows;
    }

    private static StateDiffRow stateDiff(
            long tipsetEpoch,
            long epoch,
            String messageCid,
            Integer executionIndex,
            ReplayRecord.ActorStateChange c,
            Map<Cid, String> actorTypes) {
        ActorChange change = c.change();
        Optional<ActorState> before = change.before();
        Optional<ActorState> after = change.after();
        String type = after.or(() -> before).map(a -> actorTypes.get(a.code())).orElse(null);
        String address = after.or(() -> before)
                .flatMap(ActorState::delegatedAddress)
                .map(Address::toString)
                .orElse(null);
        List<StateFieldChange> fields = null;
        String decodeError = null;
        if (c.fields().isPresent()) {
            FieldDiffResult diff = c.fields().get();
            decodeError = diff.decodeError().orElse(null);
            if (decodeError == null) {
                fields = new ArrayList<>();
                for (FieldDiffResult.FieldChange f : diff.fields()) {
                    fields.add(new StateFieldChange(
                            f.index(), f.before().orElse(null), f.after().orElse(null)));
                }
            }
        }
        return new StateDiffRow(
                tipsetEpoch,
                epoch,
                messageCid,
                executionIndex,
                change.actorId(),
                address,
                change.kind().name().toLowerCase(java.util.Locale.ROOT),
                type,
                before.map(a -> a.code().toString()).orElse(null),
                after.map(a -> a.code().toString()).orElse(null),
                before.map(a -> a.head().toString()).orElse(null),
                after.map(a -> a.head().toString()).orElse(null),
                before.map(ActorState::sequence).orElse(null),
                after.map(ActorState::sequence).orElse(null),
                before.map(ActorState::balance).orElse(null),
                after.map(ActorState::balance).orElse(null),
                before.flatMap(ActorState::delegatedAddress)
                        .map(Address::toString)
                        .orElse(null),
                after.flatMap(ActorState::delegatedAddress)
                        .map(Address::toString)
                        .orElse(null),
                fields,
                decodeError);
    }

    /**
     * The name Lotus shows for {@code method} on a receiver of builtin actor type {@code actorType} under network version
     * {@code networkVersion}; null when the receiver's type does not export the method. Method 0 is always {@code Send},
     * and an unknown type (null) still names method 1.
     */
    static String methodName(String actorType, long method, int networkVersion) {
        if (method == 0) {
            return "Send";
        }
        if (actorType == null) {
            // types are read from the tipset's parent state, so an actor the tipset creates has none; whatever it is, 1
            // is
            // the constructor its creator calls (every builtin actor's; the placeholder never gets one)
            return method == 1 ? "Constructor" : null;
        }
        OptionalInt actorsVersion = ActorsVersions.forNetworkVersion(networkVersion);
        if (actorsVersion.isPresent()) {
            return MethodNames.name(actorType, method, actorsVersion.getAsInt()).orElse(null);
        }
        // a network version newer than the table keeps the newest names; the Go actors before the FVM are not in it
        return networkVersion > ActorsVersions.NEWEST_NETWORK_VERSION
                ? MethodNames.name(actorType, method).orElse(null)
                : null;
    }

    private static Optional<Long> firstCallFrom(ApplyRet ret) {
        for (TraceEntry e : ret.trace()) {
            if (e instanceof TraceEntry.CallStarted s) {
                return Optional.of(s.from());
            }
        }
        return Optional.empty();
    }

    private static Long idOf(Address address) {
        return address.protocol() == Protocol.ID ? address.id() : null;
    }

    /** The actor ID of an address in its string form, when it is an ID address ({@code f0...}/{@code t0...}). */
    private static Long idOf(String address) {
        if (address.length() > 2
                && (address.charAt(0) == 'f' || address.charAt(0) == 't')
                && address.charAt(1) == '0') {
            try {
                return Long.parseUnsignedLong(address.substring(2));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
