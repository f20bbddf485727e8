package org.fvmreplay.fvm.executor;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The receipt of an applied message (exit code, return bytes, gas used, events root) and where its fees went, with the
 * events it emitted (emitter and encoded {@code ActorEvent}, in order) and its gas trace.
 */
public record ApplyRet(int exitCode, byte[] returnData, long gasUsed, BigInteger penalty, BigInteger minerTip, BigInteger baseFeeBurn,
        BigInteger overEstimationBurn, BigInteger refund, String failureInfo, List<String> gasTrace, Optional<Cid> eventsRoot,
        List<CallManager.Event> events) {
    public ApplyRet {
        requireNonNull(eventsRoot, "eventsRoot is null");
        events = List.copyOf(requireNonNull(events, "events is null"));
    }
}
