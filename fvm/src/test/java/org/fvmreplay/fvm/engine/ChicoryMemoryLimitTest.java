package org.fvmreplay.fvm.engine;

import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;

/** Memory limits on Chicory: enforced at every grow, like ref-fvm's resource limiter. */
class ChicoryMemoryLimitTest extends MemoryLimitContractTest {
    @Override
    protected WasmEngine createEngine(EngineConfig config) {
        return new ChicoryEngine(config);
    }

    @Override
    protected boolean refusesGrowthInPlace() {
        return true;
    }
}
