package org.fvmreplay.fvm.engine;

/**
 * Memory budget of one message's whole call stack (ref-fvm's {@code DefaultMemoryLimiter}): every instance's linear
 * memory (reserved at instantiation for the initial pages, then on each successful {@code memory.grow}) and tables
 * (8 bytes per element) count against {@code max_memory_bytes}. A refused reservation makes {@code memory.grow} /
 * {@code table.grow} return -1, or fails instantiation. Nothing is released when an instance closes: like the reference,
 * the call manager restores the tally when the send that created the instance returns ({@link #enterFrame()},
 * {@link #exitFrame(long)}). Mutable and not thread-safe: one per message.
 */
public final class MemoryLimiter {
    /** Bytes the reference counts per table element ({@code grow_instance_table}). */
    public static final long TABLE_ELEMENT_BYTES = 8;

    private final long maxMemoryBytes;
    private long usedBytes;

    private MemoryLimiter(long maxMemoryBytes) {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes must not be negative: " + maxMemoryBytes);
        }
        this.maxMemoryBytes = maxMemoryBytes;
    }

    /** A limiter allowing at most {@code maxMemoryBytes} in total across the call stack. */
    public static MemoryLimiter withTotalLimit(long maxMemoryBytes) {
        return new MemoryLimiter(maxMemoryBytes);
    }

    /** A limiter that tallies but never refuses (FVM v2 has no call-stack limit; standalone engine use). */
    public static MemoryLimiter unlimited() {
        return new MemoryLimiter(Long.MAX_VALUE);
    }

    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /** Bytes currently reserved by the call stack ({@code memory_used}). */
    public long memoryUsed() {
        return usedBytes;
    }

    /** Reserves {@code bytes} more if the total stays within the limit ({@code grow_memory}); false leaves it unchanged. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        long desired = saturatingAdd(usedBytes, bytes);
        if (desired > maxMemoryBytes) {
            return false;
        }
        usedBytes = desired;
        return true;
    }

    /** An instance's linear memory grows from {@code fromBytes} to {@code toBytes} (0 to initial at instantiation). */
    public boolean growInstanceMemory(long fromBytes, long toBytes) {
        return tryReserve(Math.max(0, toBytes - fromBytes));
    }

    /** An instance's table grows from {@code fromElements} to {@code toElements}, at 8 bytes per element. */
    public boolean growInstanceTable(long fromElements, long toElements) {
        return tryReserve(saturatingMultiply(Math.max(0, toElements - fromElements), TABLE_ELEMENT_BYTES));
    }

    /** Starts a call-stack frame; pass the result to {@link #exitFrame(long)} when the send returns, however it ends. */
    public long enterFrame() {
        return usedBytes;
    }

    /** Ends a frame: everything instances reserved since {@link #enterFrame()} is released ({@code with_stack_frame}). */
    public void exitFrame(long frameStart) {
        if (frameStart < 0 || frameStart > maxMemoryBytes) {
            throw new IllegalArgumentException("not a frame start of this limiter: " + frameStart);
        }
        usedBytes = frameStart;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    @Override
    public String toString() {
        return "MemoryLimiter[used=" + usedBytes + ", max=" + maxMemoryBytes + "]";
    }
}
