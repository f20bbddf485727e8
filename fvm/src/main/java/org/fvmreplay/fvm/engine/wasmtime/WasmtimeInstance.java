package org.fvmreplay.fvm.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapClassifier;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.wasm.binary.ValueType;

/**
 * A wasmtime instance, holding a pooled store ({@link StoreSlot}) until it is closed; host functions receive it as their
 * caller and run its own implementations.
 */
final class WasmtimeInstance implements WasmInstance {
    private final StoreSlot slot;
    private final StorePool pool;
    private final Store<Void> store;
    private final Map<String, HostFunction> hostFunctions;
    private Global gas;
    private Linker linker;
    private String instanceName;
    private Memory memory;
    private final Map<String, List<ValueType>> exportParams;
    private Throwable hostFailure;
    private final MemoryLimiter memoryLimiter;
    private long accountedMemoryBytes;
    private boolean released;

    WasmtimeInstance(
            StoreSlot slot,
            StorePool pool,
            Map<String, HostFunction> hostFunctions,
            Map<String, List<ValueType>> exportParams,
            MemoryLimiter memoryLimiter,
            long accountedMemoryBytes) {
        this.slot = requireNonNull(slot, "slot is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.store = slot.store();
        this.gas = slot.gas();
        this.hostFunctions = requireNonNull(hostFunctions, "hostFunctions is null");
        this.exportParams = exportParams;
        this.memoryLimiter = requireNonNull(memoryLimiter, "memoryLimiter is null");
        this.accountedMemoryBytes = accountedMemoryBytes;
    }

    /** This instance's implementation of the host function {@code module.name} it imports. */
    HostFunction hostFunction(String qualifiedName) {
        HostFunction function = hostFunctions.get(qualifiedName);
        if (function == null) {
            // the store defines the union of its instances' imports; this one did not import it, so cannot call it
            throw new IllegalStateException("host function " + qualifiedName + " is not imported by this instance");
        }
        return function;
    }

    /**
     * Charges the call stack's budget for memory grown since the last check. wasmtime-java cannot refuse a grow, so a
     * refusal here means the reference would already have diverged (its grow returns -1): a fatal trap, never silence.
     */
    void accountMemoryGrowth() {
        if (memory == null) {
            return;
        }
        long size = memory.dataSize(store);
        if (size <= accountedMemoryBytes) {
            return;
        }
        if (!memoryLimiter.growInstanceMemory(accountedMemoryBytes, size)) {
            throw new Trap(
                    TrapKind.FATAL,
                    "memory grew from " + accountedMemoryBytes + " to " + size
                            + " bytes beyond the call stack's limit of "
                            + memoryLimiter.maxMemoryBytes() + " bytes (" + memoryLimiter.memoryUsed()
                            + " used): the reference's memory.grow returns -1 here, "
                            + "but wasmtime-java cannot refuse it; run this message with the Chicory engine",
                    null);
        }
        accountedMemoryBytes = size;
    }

    void bindInstance(String instanceName) {
        this.linker = slot.linker();
        this.instanceName = instanceName;
        this.memory =
                linker.get(store, instanceName, "memory").map(Extern::memory).orElse(null);
    }

    void recordHostFailure(Throwable failure) {
        if (hostFailure == null) {
            hostFailure = failure;
        }
    }

    /** The host function's own exception if one caused {@code engineFailure}, else {@code engineFailure}. */
    Throwable takeHostFailure(Throwable engineFailure) {
        Throwable failure = hostFailure != null ? hostFailure : engineFailure;
        hostFailure = null;
        return failure;
    }

    @Override
    public long[] call(String name, long... arguments) {
        requireNonNull(name, "name is null");
        checkOpen();
        Func function = linker.get(store, instanceName, name)
                .filter(extern -> extern.type() == Extern.Type.FUNC)
                .map(Extern::func)
                .orElseThrow(() -> new EngineException("no exported function '" + name + "'"));
        try {
            List<ValueType> types = exportParams.getOrDefault(name, List.of());
            if (types.size() != arguments.length) {
                throw new EngineException(
                        "export '" + name + "' takes " + types.size() + " arguments, got " + arguments.length);
            }
            Val[] params = new Val[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                params[i] = types.get(i) == ValueType.I64 ? Val.fromI64(arguments[i]) : Val.fromI32((int) arguments[i]);
            }
            Val[] results;
            try {
                results = function.call(store, params);
            } catch (RuntimeException | StackOverflowError e) {
                throw TrapClassifier.classify(takeHostFailure(e), gasCounter());
            }
            accountMemoryGrowth();
            long[] values = new long[results.length];
            for (int i = 0; i < results.length; i++) {
                values[i] = results[i].getType() == Val.Type.I32
                        ? Integer.toUnsignedLong(results[i].i32())
                        : results[i].i64();
            }
            return values;
        } finally {
            function.dispose();
        }
    }

    @Override
    public long memorySize() {
        return memory().dataSize(store);
    }

    @Override
    public byte[] readMemory(long offset, int length) {
        checkRange(offset, length);
        // the buffer is a view of the current memory: fetch it per access, since memory.grow may replace it
        ByteBuffer buffer = memory().buffer(store);
        byte[] data = new byte[length];
        buffer.get((int) offset, data, 0, length);
        return data;
    }

    @Override
    public void writeMemory(long offset, byte[] data) {
        requireNonNull(data, "data is null");
        checkRange(offset, data.length);
        ByteBuffer buffer = memory().buffer(store);
        buffer.put((int) offset, data, 0, data.length);
    }

    private void checkRange(long offset, int length) {
        long size = memorySize();
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new Trap(
                    TrapKind.MEMORY_OUT_OF_BOUNDS,
                    "range [" + offset + ", +" + length + ") outside memory of " + size + " bytes",
                    null);
        }
    }

    private Memory memory() {
        checkOpen();
        if (memory == null) {
            throw new EngineException("module has no memory export");
        }
        return memory;
    }

    @Override
    public long gasCounter() {
        checkGas();
        return gas.get(store).i64();
    }

    @Override
    public void setGasCounter(long value) {
        checkGas();
        gas.set(store, Val.fromI64(value));
    }

    private void checkGas() {
        if (gas == null) {
            throw new IllegalStateException("instance is closed");
        }
    }

    private void checkOpen() {
        if (linker == null) {
            throw new IllegalStateException("instance is not initialized yet or closed");
        }
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        long retained = 0;
        if (memory != null) {
            retained = memory.dataSize(store);
            memory.dispose();
            memory = null;
        }
        linker = null;
        gas = null;
        released = true;
        slot.release(retained);
        pool.give(slot);
    }

    /** Closes an instance whose instantiation failed: its store is disposed, not reused. */
    void discard() {
        if (released) {
            return;
        }
        if (memory != null) {
            memory.dispose();
            memory = null;
        }
        linker = null;
        gas = null;
        released = true;
        slot.release(0);
        slot.dispose();
    }
}
