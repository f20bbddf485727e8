package org.fvmreplay.fvm.engine.cache;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmInstance;

/**
 * Bounds how many instances exist at once, like ref-fvm's {@code InstancePool} of pooling-allocator slots (one per call
 * depth per concurrent message). Every instance is created fresh: the reference instantiates per invocation and its
 * pooled slots are wiped, so reusing an instance's memory, globals or tables here would leak state between invocations.
 * What is pooled is only the right to hold an instance; a caller blocks while all slots are in use.
 */
public final class InstancePool {
    private final WasmEngine engine;
    private final int slots;
    private final Semaphore available;

    public InstancePool(WasmEngine engine, int slots) {
        this.engine = requireNonNull(engine, "engine is null");
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        this.slots = slots;
        this.available = new Semaphore(slots, true);
    }

    /** A fresh instance holding one slot until closed. */
    public WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions) {
        return instantiate(module, hostFunctions, MemoryLimiter.unlimited());
    }

    /** A fresh instance holding one slot until closed, its memory counted in {@code memoryLimiter}. */
    public WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions, MemoryLimiter memoryLimiter) {
        requireNonNull(module, "module is null");
        requireNonNull(hostFunctions, "hostFunctions is null");
        requireNonNull(memoryLimiter, "memoryLimiter is null");
        available.acquireUninterruptibly();
        try {
            return new PooledInstance(engine.instantiate(module, hostFunctions, memoryLimiter), available);
        } catch (RuntimeException | Error e) {
            available.release();
            throw e;
        }
    }

    public int slots() {
        return slots;
    }

    public int availableSlots() {
        return available.availablePermits();
    }

    /** An instance that gives its slot back when closed (once). */
    private static final class PooledInstance implements WasmInstance {
        private final WasmInstance delegate;
        private final Semaphore slots;
        private final AtomicBoolean closed = new AtomicBoolean();

        PooledInstance(WasmInstance delegate, Semaphore slots) {
            this.delegate = delegate;
            this.slots = slots;
        }

        @Override
        public long[] call(String name, long... arguments) {
            return delegate.call(name, arguments);
        }

        @Override
        public long memorySize() {
            return delegate.memorySize();
        }

        @Override
        public byte[] readMemory(long offset, int length) {
            return delegate.readMemory(offset, length);
        }

        @Override
        public void writeMemory(long offset, byte[] data) {
            delegate.writeMemory(offset, data);
        }

        @Override
        public long gasCounter() {
            return delegate.gasCounter();
        }

        @Override
        public void setGasCounter(long value) {
            delegate.setGasCounter(value);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    delegate.close();
                } finally {
                    slots.release();
                }
            }
        }
    }
}
