package org.fvmreplay.fvm.trace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution trace of one message: gas charges, syscalls, the call tree and events. The disabled instance records
 * nothing and allocates nothing, so hooks may call it unconditionally on hot paths.
 */
public final class GasTrace {
    private static final GasTrace DISABLED = new GasTrace(false);

    private final boolean enabled;
    private final List<TraceEntry> entries;
    private long lastNanos;
    private int depth;

    private GasTrace(boolean enabled) {
        this.enabled = enabled;
        this.entries = enabled ? new ArrayList<>() : List.of();
        this.lastNanos = enabled ? System.nanoTime() : 0;
    }

    public static GasTrace disabled() {
        return DISABLED;
    }

    public static GasTrace enabled() {
        return new GasTrace(true);
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** A charge with no storage part. */
    public void record(String name, long milligas) {
        recordCharge(name, milligas, 0);
    }

    public void recordCharge(String name, long computeMilligas, long storageMilligas) {
        if (enabled) {
            long now = System.nanoTime();
            entries.add(new TraceEntry.GasCharged(name, computeMilligas, storageMilligas, now - lastNanos));
            lastNanos = now;
        }
    }

    public void recordSyscall(String namespace, String name, long gasMilligas) {
        if (enabled) {
            entries.add(new TraceEntry.SyscallReturned(namespace, name, gasMilligas));
        }
    }

    public void recordCallStart(long from, Object to, long method, BigInteger value) {
        if (enabled) {
            entries.add(new TraceEntry.CallStarted(depth++, from, String.valueOf(to), method, value));
        }
    }

    public void recordCallEnd(int exitCode, String error, long gasMilligas) {
        if (enabled) {
            entries.add(new TraceEntry.CallReturned(--depth, exitCode, error, gasMilligas));
        }
    }

    public void recordEvent(long emitter, byte[] encoded) {
        if (enabled) {
            entries.add(new TraceEntry.EventEmitted(emitter, encoded));
        }
    }

    /** Every entry in order (empty when disabled). */
    public List<TraceEntry> entries() {
        return List.copyOf(entries);
    }

    /** Lines "name milligas" in charge order. */
    public List<String> charges() {
        if (!enabled) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (TraceEntry entry : entries) {
            if (entry instanceof TraceEntry.GasCharged charge) {
                lines.add(charge.name() + " " + charge.totalMilligas());
            }
        }
        return lines;
    }

    /** The sum of every recorded charge in milligas. */
    public long chargedMilligas() {
        long total = 0;
        for (TraceEntry entry : entries) {
            if (entry instanceof TraceEntry.GasCharged charge) {
                total += charge.totalMilligas();
            }
        }
        return total;
    }
}
