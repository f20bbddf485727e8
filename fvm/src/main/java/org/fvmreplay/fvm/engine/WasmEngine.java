package org.fvmreplay.fvm.engine;

import org.fvmreplay.ipld.cid.Cid;

/** A WebAssembly engine that compiles validated, instrumented actor code and instantiates it against host functions. */
public interface WasmEngine extends AutoCloseable {
    /** Short name for reports and benchmarks ("chicory", "wasmtime"). */
    String name();

    EngineConfig config();

    /**
     * Compiles {@code instrumentedWasm} (already validated and instrumented) for code {@code codeCid}.
     *
     * @throws EngineException if the engine rejects the module
     */
    CompiledModule compile(Cid codeCid, byte[] instrumentedWasm);

    /**
     * Creates a fresh instance: new linear memory, tables and globals, a new gas counter (initially 0), imports bound to
     * {@code hostFunctions}. Running the start function or initializing data may trap. The instance's memory and tables
     * are reserved in, and grow against, {@code memoryLimiter}: the budget shared by every instance on the message's call
     * stack. Reservations stay until the caller ends the limiter's frame.
     *
     * @throws EngineException if an import is missing or has another signature (a link error, fatal in the reference)
     * @throws Trap if instantiation traps, or the initial memory or table exceeds the instance limits or the remaining
     * call-stack budget ({@link TrapKind#MEMORY_LIMIT})
     */
    WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions, MemoryLimiter memoryLimiter);

    /** {@link #instantiate(CompiledModule, HostFunctions, MemoryLimiter)} with a budget of its own and no total limit. */
    default WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions) {
        return instantiate(module, hostFunctions, MemoryLimiter.unlimited());
    }

    @Override
    void close();
}
