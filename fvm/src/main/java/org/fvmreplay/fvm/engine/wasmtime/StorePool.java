package org.fvmreplay.fvm.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.fvmreplay.fvm.engine.HostFunction;

/**
 * The idle {@link StoreSlot}s of one engine, shared by every thread. A store is reused until it has held
 * {@link #MAX_INSTANCES_PER_STORE} instances or its closed instances retain {@link #MAX_RETAINED_BYTES} of linear
 * memory, and at most {@link #maxIdle} stores wait idle; past either bound a store is disposed, which frees its memory.
 * An actor calling another holds one store per frame, so a thread needs as many stores as its deepest call stack.
 */
final class StorePool {
    /** Instances one store holds, one after another, before it is disposed. */
    static final int MAX_INSTANCES_PER_STORE = 256;
    /** Linear memory of closed instances a store may keep allocated before it is disposed. */
    static final long MAX_RETAINED_BYTES = 32L << 20;

    private final Engine engine;
    private final Module gasCounterModule;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<StoreSlot> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    StorePool(Engine engine, Module gasCounterModule, int maxIdle) {
        this.engine = requireNonNull(engine, "engine is null");
        this.gasCounterModule = requireNonNull(gasCounterModule, "gasCounterModule is null");
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative: " + maxIdle);
        }
        this.maxIdle = maxIdle;
    }

    /**
     * An idle store whose host functions agree with {@code functions} (FVM generations differ in some signatures), or a
     * new one.
     */
    StoreSlot take(Map<String, HostFunction> functions) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        for (StoreSlot slot : idle) {
            if (slot.accepts(functions) && idle.remove(slot)) {
                return slot;
            }
        }
        created.incrementAndGet();
        return new StoreSlot(engine, gasCounterModule);
    }

    /** Takes back a store whose instance closed normally; disposes it past the pool's bounds. */
    void give(StoreSlot slot) {
        if (closed
                || slot.instances() >= MAX_INSTANCES_PER_STORE
                || slot.retainedMemoryBytes() >= MAX_RETAINED_BYTES
                || idle.size() >= maxIdle) {
            slot.dispose();
            return;
        }
        idle.push(slot);
        if (closed && idle.remove(slot)) {
            slot.dispose();
        }
    }

    /** Stores created so far (for tests: reuse shows as fewer stores than instances). */
    int created() {
        return created.get();
    }

    void close() {
        closed = true;
        StoreSlot slot;
        while ((slot = idle.poll()) != null) {
            slot.dispose();
        }
    }
}
