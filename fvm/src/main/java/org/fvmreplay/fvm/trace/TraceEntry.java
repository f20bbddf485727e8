package org.fvmreplay.fvm.trace;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/** One step of a message's execution trace, in the order it happened; see {@link TraceWriter} for the file format. */
public sealed interface TraceEntry {
    /** A gas charge: its reference name, compute and storage ("other") milligas, and wall time since the previous entry. */
    record GasCharged(String name, long computeMilligas, long storageMilligas, long elapsedNanos)
            implements TraceEntry {
        public GasCharged {
            requireNonNull(name, "name");
        }

        public long totalMilligas() {
            long total = computeMilligas + storageMilligas;
            // saturate as the tracker does
            return total < computeMilligas ? Long.MAX_VALUE : total;
        }
    }

    /** A syscall, written when it returns: {@code namespace::name} and the milligas charged while it ran (overhead included). */
    record SyscallReturned(String namespace, String name, long gasMilligas) implements TraceEntry {
        public SyscallReturned {
            requireNonNull(namespace, "namespace");
            requireNonNull(name, "name");
        }
    }

    /** A call into an actor begins (depth 0 is the message itself). */
    record CallStarted(int depth, long from, String to, long method, BigInteger value) implements TraceEntry {
        public CallStarted {
            requireNonNull(to, "to");
            requireNonNull(value, "value");
        }
    }

    /** The matching call ends: exit code (or the error that aborted it) and milligas it used, nested calls included. */
    record CallReturned(int depth, int exitCode, String error, long gasMilligas) implements TraceEntry {}

    /** An actor event was emitted (it may still be reverted with its call). */
    record EventEmitted(long emitter, byte[] encoded) implements TraceEntry {
        public EventEmitted {
            encoded = encoded.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }
}
