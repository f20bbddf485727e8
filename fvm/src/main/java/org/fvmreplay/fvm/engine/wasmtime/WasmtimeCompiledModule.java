package org.fvmreplay.fvm.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import io.github.kawamuray.wasmtime.Module;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.ModuleImports;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.ipld.cid.Cid;

/** Native code compiled by wasmtime; shareable across stores of the same engine. */
record WasmtimeCompiledModule(
        Cid codeCid,
        Module module,
        ModuleImports imports,
        Map<String, List<ValueType>> exportParams,
        int wasmSize,
        long initialPages,
        long initialTableElements)
        implements CompiledModule {
    WasmtimeCompiledModule {
        requireNonNull(codeCid, "codeCid is null");
        requireNonNull(module, "module is null");
        requireNonNull(imports, "imports is null");
        exportParams = Map.copyOf(exportParams);
    }

    @Override
    public String engineName() {
        return WasmtimeEngine.NAME;
    }
}
