package org.fvmreplay.fvm.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Table;
import org.fvmreplay.fvm.engine.MemoryLimiter;

/**
 * A Chicory table whose {@code table.grow} follows ref-fvm: beyond the declared maximum it fails without reserving;
 * otherwise 8 bytes per new element are reserved in the call stack's {@link MemoryLimiter} (refusal: -1), and growth past
 * the pooling allocator's per-instance element limit then fails as well (the reservation stays, as in wasmtime).
 */
final class LimitedTable extends TableInstance {
    private final MemoryLimiter limiter;
    private final long maxElements;

    LimitedTable(Table table, int initialValue, MemoryLimiter limiter, long maxElements) {
        super(table, initialValue);
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.maxElements = maxElements;
    }

    @Override
    public int grow(int deltaElements, int initialValue, Instance instance) {
        long current = size();
        long desired = current + deltaElements;
        if (deltaElements < 0 || desired > limits().max()) {
            return -1;
        }
        if (!limiter.growInstanceTable(current, desired) || desired > maxElements) {
            return -1;
        }
        return super.grow(deltaElements, initialValue, instance);
    }
}
