package org.fvmreplay.fvm.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.HostSignature;
import org.fvmreplay.fvm.engine.ModuleImports;
import org.fvmreplay.fvm.engine.TrapClassifier;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;

/**
 * A wasmtime store that holds one actor instance after another, never two at once: its gas counter and host functions
 * are defined once, and each host function calls the implementation of whichever instance holds the store now.
 *
 * <p>Why: the bundled wasmtime (7.0.1) compiles a trampoline for every host function it creates, so creating the
 * FVM's host functions afresh for each actor invocation cost more CPU than running the actors (measured over the nv18
 * vectors). ref-fvm defines its host functions once per engine, in a linker shared by all stores; the binding cannot
 * define a function without a store, so this keeps the store. A store frees its instances' memory only when it is
 * disposed, so the pool recycles a store within {@link StorePool}'s limits.
 */
final class StoreSlot {
    private final Store<Void> store;
    private final Linker linker;
    private final Global gas;
    private final Map<String, HostSignature> signatures = new HashMap<>();
    private final List<Func> functions = new ArrayList<>();
    private WasmtimeInstance current;
    private int instances;
    private long retainedMemoryBytes;
    private boolean disposed;

    StoreSlot(Engine engine, Module gasCounterModule) {
        this.store = new Store<>(null, engine);
        this.linker = new Linker(engine);
        try {
            linker.module(store, ModuleImports.GAS_MODULE, gasCounterModule);
            this.gas = linker.get(store, ModuleImports.GAS_MODULE, GasMeteringInjector.GAS_COUNTER_NAME)
                    .orElseThrow()
                    .global();
        } catch (RuntimeException e) {
            linker.dispose();
            store.dispose();
            throw e;
        }
    }

    Store<Void> store() {
        return store;
    }

    Linker linker() {
        return linker;
    }

    Global gas() {
        return gas;
    }

    /**
     * True when every function (by qualified name) is either not defined here yet or defined with the same signature.
     */
    boolean accepts(Map<String, HostFunction> functions) {
        for (Map.Entry<String, HostFunction> function : functions.entrySet()) {
            HostSignature defined = signatures.get(function.getKey());
            if (defined != null && !defined.equals(function.getValue().signature())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands the store to {@code instance} and defines the host functions it imports that are not defined yet; returns
     * the name under which to register its module instance (a new one each time: the linker refuses redefinitions).
     */
    String hold(WasmtimeInstance instance, Map<String, HostFunction> functions) {
        requireNonNull(instance, "instance is null");
        if (current != null) {
            throw new IllegalStateException("store already holds an instance");
        }
        current = instance;
        // as in a fresh store: a start function would run against a zero gas counter, not the last instance's
        gas.set(store, Val.fromI64(0));
        for (Map.Entry<String, HostFunction> function : functions.entrySet()) {
            if (!signatures.containsKey(function.getKey())) {
                define(function.getKey(), function.getValue());
            }
        }
        return "\u0000fvm-replay-instance-" + instances++;
    }

    /** The instance is closed: {@code memoryBytes} of its linear memory stay allocated until the store is disposed. */
    void release(long memoryBytes) {
        current = null;
        retainedMemoryBytes += memoryBytes;
    }

    int instances() {
        return instances;
    }

    long retainedMemoryBytes() {
        return retainedMemoryBytes;
    }

    void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        gas.dispose();
        for (Func function : functions) {
            function.dispose();
        }
        functions.clear();
        linker.dispose();
        store.dispose();
    }

    private void define(String qualifiedName, HostFunction declared) {
        List<ValueType> resultTypes = declared.signature().results();
        FuncType type = new FuncType(valTypes(declared.signature().params()), valTypes(resultTypes));
        Func func = new Func(store, type, (ignored, params, results) -> {
            WasmtimeInstance caller = current;
            HostFunction function = caller.hostFunction(qualifiedName);
            long[] arguments = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                arguments[i] =
                        params[i].getType() == Val.Type.I32 ? Integer.toUnsignedLong(params[i].i32()) : params[i].i64();
            }
            long[] values;
            try {
                // the call stack's budget must be current before the host function can instantiate another actor
                caller.accountMemoryGrowth();
                values = function.implementation().call(caller, arguments);
            } catch (RuntimeException e) {
                // wasmtime turns the Java exception into a trap and loses its type: keep it to rethrow after the call
                RuntimeException failure = TrapClassifier.hostFailure(qualifiedName, e);
                caller.recordHostFailure(failure);
                throw failure;
            } catch (Error e) {
                caller.recordHostFailure(e);
                throw e;
            }
            if (values.length != resultTypes.size()) {
                IllegalStateException wrongArity = new IllegalStateException("host function " + qualifiedName
                        + " returned " + values.length + " values for " + resultTypes.size() + " results");
                caller.recordHostFailure(wrongArity);
                throw wrongArity;
            }
            for (int i = 0; i < values.length; i++) {
                results[i] =
                        resultTypes.get(i) == ValueType.I32 ? Val.fromI32((int) values[i]) : Val.fromI64(values[i]);
            }
        });
        functions.add(func);
        linker.define(store, declared.module(), declared.name(), Extern.fromFunc(func));
        signatures.put(qualifiedName, declared.signature());
    }

    private static Val.Type[] valTypes(List<ValueType> types) {
        Val.Type[] result = new Val.Type[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = types.get(i) == ValueType.I32 ? Val.Type.I32 : Val.Type.I64;
        }
        return result;
    }
}
