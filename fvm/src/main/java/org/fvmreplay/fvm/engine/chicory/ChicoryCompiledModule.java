package org.fvmreplay.fvm.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.ModuleImports;
import org.fvmreplay.ipld.cid.Cid;

/** A parsed module with its machine factory (JVM bytecode from Chicory's compiler, or the interpreter). */
record ChicoryCompiledModule(
        Cid codeCid,
        WasmModule module,
        Function<Instance, Machine> machineFactory,
        ModuleImports imports,
        int wasmSize,
        long initialPages)
        implements CompiledModule {
    ChicoryCompiledModule {
        requireNonNull(codeCid, "codeCid is null");
        requireNonNull(module, "module is null");
        requireNonNull(machineFactory, "machineFactory is null");
        requireNonNull(imports, "imports is null");
    }

    @Override
    public String engineName() {
        return ChicoryEngine.NAME;
    }
}
