package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;

/** Memory limits on wasmtime: exact at instantiation, growth charged late and turned into a fatal trap if over. */
class WasmtimeMemoryLimitTest extends MemoryLimitContractTest {
    @Override
    protected WasmEngine createEngine(EngineConfig config) {
        return new WasmtimeEngine(config);
    }

    @Override
    protected boolean refusesGrowthInPlace() {
        return false;
    }
}
