package org.fvmreplay.fvm.executor;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The receipt of an applied message (exit code, return bytes, gas used, events root) and where its fees went, with the
 * events it emitted (emitter and encoded {@code ActorEvent}, in order) and its execution trace (empty unless the machine traced).
 */
public record ApplyRet(
        int exitCode,
        byte[] returnData,
        long gasUsed,
        BigInteger penalty,
        BigInteger minerTip,
        BigInteger baseFeeBurn,
        BigInteger overEstimationBurn,
        BigInteger refund,
        String failureInfo,
        List<TraceEntry> trace,
        Optional<Cid> eventsRoot,
        List<CallManager.Event> events) {
    public ApplyRet {
        trace = List.copyOf(requireNonNull(trace, "trace is null"));
        requireNonNull(eventsRoot, "eventsRoot is null");
        events = List.copyOf(requireNonNull(events, "events is null"));
    }

    /** The gas charges of {@link #trace()} as lines {@code "name milligas"} in charge order (empty unless the machine traced). */
    public List<String> gasTrace() {
        List<String> lines = new ArrayList<>();
        for (TraceEntry entry : trace) {
            if (entry instanceof TraceEntry.GasCharged charge) {
                lines.add(charge.name() + " " + charge.totalMilligas());
            }
        }
        return lines;
    }
}
