package org.fvmreplay.fvm.kernel;

import java.util.ArrayDeque;
import java.util.Deque;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.trace.GasTrace;

/**
 * Milligas accounting for one message (the reference's {@code GasTracker}): a limit, gas used, and a stack of nested
 * limits for sends with an explicit gas limit. Charging past the limit uses up all gas and fails with out of gas.
 */
public final class GasTracker {
    private static final long MAX_MILLIGAS = Long.MAX_VALUE;

    private long limit;
    private long used;
    private final Deque<long[]> snapshots = new ArrayDeque<>();
    private final GasTrace trace;

    public GasTracker(long limitMilligas, GasTrace trace) {
        this.limit = Math.min(Math.max(limitMilligas, 0), MAX_MILLIGAS);
        this.trace = trace;
    }

    public static long gasToMilligas(long gas) {
        return gas > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : gas * 1000;
    }

    /** Rounds milligas up to whole gas. */
    public static long roundUp(long milligas) {
        return milligas / 1000 + (milligas % 1000 == 0 ? 0 : 1);
    }

    public void charge(GasCharge charge) {
        trace.recordCharge(charge.name(), charge.computeMilligas(), charge.otherMilligas());
        consume(charge.totalMilligas());
    }

    public void charge(String name, long milligas) {
        trace.record(name, milligas);
        consume(milligas);
    }

    /** The trace charges are recorded in (disabled unless the machine traces). */
    public GasTrace trace() {
        return trace;
    }

    private void consume(long milligas) {
        long next = used + milligas;
        // FVM v2 refunds gas with negative charges (on_delete_actor); only a positive charge can overflow
        if ((milligas >= 0 && next < used) || next > limit) {
            used = limit;
            throw ExecutionError.outOfGas();
        }
        used = next;
    }

    public void pushLimit(long newLimitMilligas) {
        snapshots.push(new long[] {limit, used});
        limit = Math.min(available(), newLimitMilligas);
        used = 0;
    }

    public void popLimit() {
        long[] snapshot = snapshots.pop();
        limit = snapshot[0];
        used = saturatingAdd(used, snapshot[1]);
    }

    public long used() {
        return used;
    }

    public long available() {
        return limit - used;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
