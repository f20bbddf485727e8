package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;

/** The engine contract on wasmtime. */
class WasmtimeEngineTest extends EngineContractTest {
    @Override
    protected WasmEngine createEngine(EngineConfig config) {
        return new WasmtimeEngine(config);
    }
}
