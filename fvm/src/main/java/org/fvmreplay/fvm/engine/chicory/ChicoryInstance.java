package org.fvmreplay.fvm.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapClassifier;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmInstance;

/** A Chicory instance; host functions receive it as their caller. */
final class ChicoryInstance implements WasmInstance {
    private final GlobalInstance gas;
    private Instance instance;

    ChicoryInstance(GlobalInstance gas) {
        this.gas = gas;
    }

    void bind(Instance instance) {
        this.instance = instance;
    }

    @Override
    public long[] call(String name, long... arguments) {
        requireNonNull(name, "name is null");
        ExportFunction function;
        try {
            function = instance().export(name);
        } catch (ChicoryException e) {
            throw new EngineException("no exported function '" + name + "': " + e.getMessage(), e);
        }
        try {
            long[] results = function.apply(arguments);
            return unsignedI32Results(name, results == null ? new long[0] : results);
        } catch (RuntimeException | StackOverflowError e) {
            // the instrumented limiter should trap long before the JVM stack ends; if it doesn't, report it as a trap
            throw TrapClassifier.classify(e, gas.getValue());
        }
    }

    /** Chicory sign-extends i32 results; the SPI hands them out as unsigned low 32 bits, like arguments. */
    private long[] unsignedI32Results(String name, long[] results) {
        List<ValType> types = instance().exportType(name).returns();
        for (int i = 0; i < results.length && i < types.size(); i++) {
            if (types.get(i).equals(ValType.I32)) {
                results[i] = Integer.toUnsignedLong((int) results[i]);
            }
        }
        return results;
    }

    @Override
    public long memorySize() {
        return (long) memory().pages() * Memory.PAGE_SIZE;
    }

    @Override
    public byte[] readMemory(long offset, int length) {
        checkRange(offset, length);
        return memory().readBytes((int) offset, length);
    }

    @Override
    public void writeMemory(long offset, byte[] data) {
        requireNonNull(data, "data is null");
        checkRange(offset, data.length);
        memory().write((int) offset, data);
    }

    private void checkRange(long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > memorySize()) {
            throw new Trap(
                    TrapKind.MEMORY_OUT_OF_BOUNDS,
                    "range [" + offset + ", +" + length + ") outside memory of " + memorySize() + " bytes",
                    null);
        }
    }

    @Override
    public long gasCounter() {
        return gas.getValue();
    }

    @Override
    public void setGasCounter(long value) {
        gas.setValue(value);
    }

    private Instance instance() {
        if (instance == null) {
            throw new IllegalStateException(
                    "instance is not initialized yet (host function called from the start function?) or closed");
        }
        return instance;
    }

    private Memory memory() {
        Memory memory = instance().memory();
        if (memory == null) {
            throw new EngineException("module has no memory");
        }
        return memory;
    }

    @Override
    public void close() {
        instance = null;
    }
}
