package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

/** How often one message called one syscall, and the gas those calls charged (table {@code syscalls}). */
public record SyscallRow(
        long executionEpoch, String messageCid, String namespace, String name, long count, long gasMilligas) {
    public SyscallRow {
        requireNonNull(messageCid, "messageCid is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
    }
}
