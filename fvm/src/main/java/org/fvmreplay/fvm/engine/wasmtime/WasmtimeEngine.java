package org.fvmreplay.fvm.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.OptLevel;
import io.github.kawamuray.wasmtime.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.MemoryLimitRewriter;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.ModuleImports;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapClassifier;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.wasm.binary.Export;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.ipld.cid.Cid;

/**
 * wasmtime through wasmtime-java's JNI binding, configured as close to ref-fvm's {@code wasmtime_config} as the binding
 * allows. Same as the reference: NaN canonicalization on, 4 MiB native wasm stack (far above the instrumented limiter),
 * SIMD, threads and multi-value off, bulk memory and reference types on, Cranelift at speed, no debug info, no
 * epoch interruption, no fuel. Differences (mostly where the binding exposes no setter):
 * <ul>
 * <li>native wasm stack 512 KiB instead of 4 MiB ({@link #MAX_NATIVE_STACK_BYTES});</li>
 * <li>no pooling allocator: each store allocates its memory on demand (same semantics, different performance), and a
 * store is reused by one instance after another ({@link StorePool}) since the binding can only define host functions
 * in a store; the per-instance memory limit is enforced by lowering the module's declared maximum ({@link MemoryLimitRewriter}) instead
 * of the pool's {@code max_memory_size};</li>
 * <li>no resource limiter: wasmtime-java 0.19.0 exposes neither {@code Store::limiter} nor any memory/table growth
 * callback, so a {@code memory.grow} or {@code table.grow} executed by wasm cannot be refused. The call stack's
 * {@link MemoryLimiter} is therefore charged for the initial memory and tables at instantiation (exact, and refused
 * exactly like the reference), and for memory growth after the fact: on entry to every host function and when a call
 * returns. If that late charge exceeds the budget, the reference's {@code memory.grow} would have returned -1 where
 * this engine let it succeed, so the call ends with a {@link TrapKind#FATAL} trap (SYS_ASSERTION_FAILED, a fatal
 * message error) that says so, instead of silently diverging. Table growth by wasm is not observed at all (the
 * binding's {@code Table} has no size accessor, actor tables are not exported, and Rust actors never grow them); the per-instance table element limit is only checked on
 * the initial size. Use the Chicory engine where these limits matter;</li>
 * <li>tail calls, multi-memory, memory64, extended-const, relaxed SIMD and custom page sizes cannot be switched off, but
 * the FVM validator rejects modules using them before they reach the engine;</li>
 * <li>{@code memory_init_cow(false)}, {@code memory_may_move(false)}, {@code guard_before_linear_memory},
 * {@code native_unwind_info(false)}, {@code wasm_backtrace(false)}, {@code parallel_compilation} keep the bundled
 * wasmtime's defaults: they affect speed and memory layout, not results;</li>
 * <li>the gas global is exported by a tiny helper module, since the binding cannot create a host global.</li>
 * </ul>
 */
public final class WasmtimeEngine implements WasmEngine {
    public static final String NAME = "wasmtime";

    /**
     * {@code (module (global (export "gas_counter") (export "gas_couner") (mut i64) (i64.const 0)))}: one global under
     * both the 0.4 name and fvm-wasm-instrument 0.2's (FVM v2) misspelt one.
     */
    private static final byte[] GAS_COUNTER_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x06, 0x06, 0x01, 0x7e, 0x01, 0x42, 0x00, 0x0b, 0x07, 0x1c,
        0x02, 0x0b, 'g', 'a', 's', '_', 'c', 'o', 'u', 'n', 't', 'e', 'r', 0x03, 0x00, 0x0a, 'g', 'a', 's', '_', 'c',
        'o', 'u', 'n', 'e', 'r', 0x03, 0x00
    };

    /**
     * The bundled wasmtime refuses a wasm stack above its async stack size (2 MiB), and the stack is the calling Java
     * thread's own: 512 KiB (wasmtime's default) leaves room on a 1 MiB JVM thread stack. The instrumented limiter
     * (2048 elements) traps long before either, as the reference intends with its 4 MiB.
     */
    static final long MAX_NATIVE_STACK_BYTES = 512 << 10;

    private final EngineConfig config;
    private final Engine engine;
    private final Module gasCounterModule;
    private final StorePool storePool;

    public WasmtimeEngine(EngineConfig config) {
        this(config, Optional.empty());
    }

    /**
     * An engine whose compiled code is also cached in {@code cacheDirectory}, by wasmtime's own compilation cache
     * (keyed by the module, wasmtime's version and its settings): a later process compiling the same module loads it
     * from there. Several processes may share the folder.
     */
    public WasmtimeEngine(EngineConfig config, Optional<Path> cacheDirectory) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(cacheDirectory, "cacheDirectory is null");
        Config wasmtimeConfig = new Config()
                .strategy(Strategy.CRANELIFT)
                .craneliftOptLevel(OptLevel.SPEED)
                .craneliftNanCanonicalization(true)
                .craneliftDebugVerifier(false)
                .debugInfo(false)
                .epochInterruption(false)
                .maxWasmStack(Math.min(config.nativeStackBytes(), MAX_NATIVE_STACK_BYTES))
                .wasmThreads(false)
                .wasmSimd(false)
                .wasmMultiValue(false)
                .wasmBulkMemory(true)
                .wasmReferenceTypes(true);
        if (cacheDirectory.isPresent()) {
            wasmtimeConfig.cacheConfigLoad(cacheConfigFile(cacheDirectory.get()));
        }
        this.engine = new Engine(wasmtimeConfig);
        this.gasCounterModule = Module.fromBinary(engine, GAS_COUNTER_MODULE);
        this.storePool = new StorePool(
                engine, gasCounterModule, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }

    // wasmtime reads its cache settings from a TOML file, kept beside its cache folder ("cache"), not in it: wasmtime's
    // cache cleaner deletes files it did not write
    private static Path cacheConfigFile(Path cacheDirectory) {
        try {
            Path directory = Files.createDirectories(cacheDirectory).toAbsolutePath();
            Path cache = Files.createDirectories(directory.resolve("cache"));
            String quoted = cache.toString().replace("\\", "\\\\").replace("\"", "\\\"");
            String toml = "[cache]\nenabled = true\ndirectory = \"" + quoted + "\"\n";
            Path file = directory.resolve("wasmtime-cache.toml");
            Path temporary = Files.createTempFile(directory, "wasmtime-cache", ".tmp");
            Files.writeString(temporary, toml);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new EngineException("cannot set up wasmtime's code cache in " + cacheDirectory + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineConfig config() {
        return config;
    }

    @Override
    public CompiledModule compile(Cid codeCid, byte[] instrumentedWasm) {
        requireNonNull(codeCid, "codeCid is null");
        requireNonNull(instrumentedWasm, "instrumentedWasm is null");
        byte[] limited = MemoryLimitRewriter.limitMemory(instrumentedWasm, config.maxInstanceMemoryPages());
        try {
            Module module = Module.fromBinary(engine, limited);
            return new WasmtimeCompiledModule(
                    codeCid,
                    module,
                    ModuleImports.of(limited),
                    exportParams(limited),
                    limited.length,
                    MemoryLimitRewriter.initialPages(limited),
                    MemoryLimitRewriter.initialTableElements(limited));
        } catch (RuntimeException e) {
            throw new EngineException("wasmtime cannot compile code " + codeCid + ": " + e.getMessage(), e);
        }
    }

    /** Parameter types of exported functions: the binding needs typed values, callers pass raw longs. */
    private static Map<String, List<ValueType>> exportParams(byte[] wasm) {
        WasmModule decoded = WasmModule.decode(wasm);
        List<Integer> functionTypes = decoded.functionTypeIndices();
        Map<String, List<ValueType>> result = new HashMap<>();
        for (Export export : decoded.exports()) {
            if (export.kind() == ExternalKind.FUNCTION
                    && export.index() >= 0
                    && export.index() < functionTypes.size()) {
                result.put(
                        export.name(),
                        decoded.types().get(functionTypes.get(export.index())).params());
            }
        }
        return result;
    }

    @Override
    public WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions, MemoryLimiter memoryLimiter) {
        requireNonNull(module, "module is null");
        requireNonNull(hostFunctions, "hostFunctions is null");
        requireNonNull(memoryLimiter, "memoryLimiter is null");
        if (!(module instanceof WasmtimeCompiledModule compiled)) {
            throw new EngineException(
                    "module " + module.codeCid() + " was compiled by " + module.engineName() + ", not " + NAME);
        }
        if (compiled.initialPages() > config.maxInstanceMemoryPages()) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs " + compiled.initialPages() + " initial pages, the limit is "
                            + config.maxInstanceMemoryPages(),
                    null);
        }
        List<ModuleImports.Binding> bindings = compiled.imports().resolve(hostFunctions, "code " + compiled.codeCid());
        // reserved up front, in wasmtime's allocation order (memory, then tables), since the binding has no limiter
        // hook
        long initialBytes = compiled.initialPages() * EngineConfig.PAGE_SIZE;
        if (!memoryLimiter.growInstanceMemory(0, initialBytes)) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs " + initialBytes
                            + " bytes of initial memory, the call stack has "
                            + (memoryLimiter.maxMemoryBytes() - memoryLimiter.memoryUsed()) + " of "
                            + memoryLimiter.maxMemoryBytes() + " left",
                    null);
        }
        if (!memoryLimiter.growInstanceTable(0, compiled.initialTableElements())) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs a table of " + compiled.initialTableElements()
                            + " elements, the call stack has "
                            + (memoryLimiter.maxMemoryBytes() - memoryLimiter.memoryUsed()) + " of "
                            + memoryLimiter.maxMemoryBytes() + " bytes left",
                    null);
        }
        if (compiled.initialTableElements() > config.maxTableElements()) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs a table of " + compiled.initialTableElements()
                            + " elements, the limit is " + config.maxTableElements(),
                    null);
        }
        // the imported host functions by qualified name, made once: the pool, the store and the instance look them up
        Map<String, HostFunction> functions = new HashMap<>();
        for (ModuleImports.Binding binding : bindings) {
            if (!binding.isGasCounter()) {
                functions.put(binding.function().qualifiedName(), binding.function());
            }
        }
        StoreSlot slot = storePool.take(functions);
        WasmtimeInstance holder =
                new WasmtimeInstance(slot, storePool, functions, compiled.exportParams(), memoryLimiter, initialBytes);
        try {
            String instanceName = slot.hold(holder, functions);
            // the binding's Instance constructor cannot take a global import, so the linker instantiates the module
            try {
                slot.linker().module(slot.store(), instanceName, compiled.module());
            } catch (RuntimeException e) {
                throw TrapClassifier.classify(holder.takeHostFailure(e), holder.gasCounter());
            }
            holder.bindInstance(instanceName);
            return holder;
        } catch (RuntimeException e) {
            holder.discard();
            throw e;
        }
    }

    /** True when wasmtime's native library loads here (the binding ships it for the common platforms only). */
    public static boolean isAvailable() {
        try {
            new Engine().dispose();
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Stores created so far: fewer than instances when stores are reused. */
    int storesCreated() {
        return storePool.created();
    }

    @Override
    public void close() {
        storePool.close();
        gasCounterModule.dispose();
        engine.dispose();
    }
}
