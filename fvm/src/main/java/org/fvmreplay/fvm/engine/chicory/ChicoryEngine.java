package org.fvmreplay.fvm.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.HostSignature;
import org.fvmreplay.fvm.engine.MemoryLimitRewriter;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.ModuleImports;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapClassifier;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Pure-Java engine on Chicory. In {@link Mode#COMPILER} each module is translated to JVM bytecode; functions too large
 * for one JVM method (some in the miner actor) silently run in Chicory's interpreter instead, with identical semantics.
 * The per-instance memory limit comes from the module's (lowered) declared maximum; the call stack's total memory and
 * table budget from the {@link MemoryLimiter} that {@link LimitedMemory} and {@link LimitedTable} consult on every grow,
 * as ref-fvm's resource limiter does; stack depth from the instrumented limiter.
 */
public final class ChicoryEngine implements WasmEngine {
    public static final String NAME = "chicory";

    /** How modules execute. */
    public enum Mode {
        COMPILER,
        INTERPRETER
    }

    private final EngineConfig config;
    private final Mode mode;
    private final Optional<Cache> classCache;

    public ChicoryEngine(EngineConfig config, Mode mode, Optional<Cache> classCache) {
        this.config = requireNonNull(config, "config is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.classCache = requireNonNull(classCache, "classCache is null");
    }

    public ChicoryEngine(EngineConfig config) {
        this(config, Mode.COMPILER, Optional.empty());
    }

    @Override
    public String name() {
        return mode == Mode.COMPILER ? NAME : NAME + "-interpreter";
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
            WasmModule module = Parser.parse(limited);
            Function<Instance, Machine> machineFactory = mode == Mode.COMPILER
                    ? compileToBytecode(module, InterpreterFallback.SILENT)
                    : InterpreterMachine::new;
            return new ChicoryCompiledModule(
                    codeCid,
                    module,
                    machineFactory,
                    ModuleImports.of(limited),
                    limited.length,
                    MemoryLimitRewriter.initialPages(limited));
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new EngineException("Chicory cannot compile code " + codeCid + ": " + e.getMessage(), e);
        }
    }

    /** The bytecode compiler; with {@link InterpreterFallback#FAIL} it reports functions it would have to interpret. */
    Function<Instance, Machine> compileToBytecode(WasmModule module, InterpreterFallback fallback) {
        MachineFactoryCompiler.Builder builder =
                MachineFactoryCompiler.builder(module).withInterpreterFallback(fallback);
        classCache.ifPresent(builder::withCache);
        return builder.compile();
    }

    @Override
    public WasmInstance instantiate(CompiledModule module, HostFunctions hostFunctions, MemoryLimiter memoryLimiter) {
        requireNonNull(module, "module is null");
        requireNonNull(hostFunctions, "hostFunctions is null");
        requireNonNull(memoryLimiter, "memoryLimiter is null");
        if (!(module instanceof ChicoryCompiledModule compiled)) {
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
        GlobalInstance gas = new GlobalInstance(0, 0, ValType.I64, MutabilityType.Var);
        ChicoryInstance holder = new ChicoryInstance(gas);
        ImportValues.Builder imports = ImportValues.builder();
        for (ModuleImports.Binding binding : compiled.imports().resolve(hostFunctions, "code " + compiled.codeCid())) {
            if (binding.isGasCounter()) {
                imports.addGlobal(new ImportGlobal(binding.module(), binding.name(), gas));
                continue;
            }
            org.fvmreplay.fvm.engine.HostFunction function = binding.function();
            imports.addFunction(new HostFunction(
                    binding.module(), binding.name(), functionType(function.signature()), (instance, arguments) -> {
                        try {
                            return function.implementation().call(holder, arguments);
                        } catch (RuntimeException e) {
                            throw TrapClassifier.hostFailure(function.qualifiedName(), e);
                        }
                    }));
        }
        try {
            // like wasmtime's instance allocator: the memory's initial pages, then the tables' initial elements, are
            // reserved in the call stack's budget before any data segment or start function runs
            Instance instance = Instance.builder(compiled.module())
                    .withImportValues(imports.build())
                    .withMachineFactory(compiled.machineFactory())
                    .withMemoryFactory(limits -> limitedMemory(compiled, limits, memoryLimiter))
                    .withTableFactory(
                            (table, initialValue) -> limitedTable(compiled, table, initialValue, memoryLimiter))
                    .build();
            holder.bind(instance);
            return holder;
        } catch (Trap e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.MEMORY_LIMIT, "out of memory instantiating code " + compiled.codeCid(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw TrapClassifier.classify(e, gas.getValue());
        }
    }

    private static Memory limitedMemory(
            ChicoryCompiledModule compiled, MemoryLimits limits, MemoryLimiter memoryLimiter) {
        long initialBytes = (long) limits.initialPages() * EngineConfig.PAGE_SIZE;
        if (!memoryLimiter.growInstanceMemory(0, initialBytes)) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs " + initialBytes
                            + " bytes of initial memory, the call stack has "
                            + (memoryLimiter.maxMemoryBytes() - memoryLimiter.memoryUsed()) + " of "
                            + memoryLimiter.maxMemoryBytes() + " left",
                    null);
        }
        return new LimitedMemory(new ByteArrayMemory(limits), memoryLimiter);
    }

    private TableInstance limitedTable(
            ChicoryCompiledModule compiled, Table table, int initialValue, MemoryLimiter memoryLimiter) {
        long initialElements = table.limits().min();
        if (!memoryLimiter.growInstanceTable(0, initialElements)) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs a table of " + initialElements
                            + " elements, the call stack has "
                            + (memoryLimiter.maxMemoryBytes() - memoryLimiter.memoryUsed()) + " of "
                            + memoryLimiter.maxMemoryBytes() + " bytes left",
                    null);
        }
        if (initialElements > config.maxTableElements()) {
            throw new Trap(
                    TrapKind.MEMORY_LIMIT,
                    "code " + compiled.codeCid() + " needs a table of " + initialElements + " elements, the limit is "
                            + config.maxTableElements(),
                    null);
        }
        return new LimitedTable(table, initialValue, memoryLimiter, config.maxTableElements());
    }

    private static FunctionType functionType(HostSignature signature) {
        return FunctionType.of(valTypes(signature.params()), valTypes(signature.results()));
    }

    private static List<ValType> valTypes(List<ValueType> types) {
        List<ValType> result = new ArrayList<>(types.size());
        for (ValueType type : types) {
            result.add(type == ValueType.I32 ? ValType.I32 : ValType.I64);
        }
        return result;
    }

    @Override
    public void close() {}
}
