package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;

/** The engine contract on Chicory's bytecode compiler. */
class ChicoryEngineTest extends EngineContractTest {
    @Override
    protected WasmEngine createEngine(EngineConfig config) {
        return new ChicoryEngine(config);
    }
}
