package org.fvmreplay.fvm.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.junit.jupiter.api.Test;

class InstancePoolTest {
    private static final byte[] WASM =
            GasMeteringInjector.inject(Wat2Wasm.parse("""
            (module
              (memory (export "memory") 1)
              (global $calls (mut i32) (i32.const 0))
              (func (export "invoke") (param i32) (result i32)
                global.get $calls
                i32.const 1
                i32.add
                global.set $calls
                global.get $calls))
            """), ConstantCostRules.defaults(), "gas");

    @Test
    void everyInstanceStartsFromScratch() {
        WasmEngine engine = new ChicoryEngine(EngineConfig.reference());
        CompiledModule module = engine.compile(Cid.compute(Multicodec.RAW, 0x12, WASM), WASM);
        InstancePool pool = new InstancePool(engine, 1);
        for (int round = 0; round < 3; round++) {
            try (WasmInstance instance = pool.instantiate(module, HostFunctions.empty())) {
                assertThat(instance.gasCounter()).isZero();
                assertThat(instance.readMemory(0, 1)).containsExactly(0);
                instance.setGasCounter(1000);
                // the module's own global counts calls: a reused instance would answer 2, 3, ...
                assertThat(instance.invoke(0)).isEqualTo(1);
                instance.writeMemory(0, new byte[] {9});
            }
        }
        assertThat(pool.availableSlots()).isEqualTo(1);
    }

    @Test
    void slotsBoundLiveInstances() throws Exception {
        WasmEngine engine = new ChicoryEngine(EngineConfig.reference());
        CompiledModule module = engine.compile(Cid.compute(Multicodec.RAW, 0x12, WASM), WASM);
        InstancePool pool = new InstancePool(engine, 2);
        WasmInstance first = pool.instantiate(module, HostFunctions.empty());
        WasmInstance second = pool.instantiate(module, HostFunctions.empty());
        assertThat(pool.availableSlots()).isZero();
        CompletableFuture<WasmInstance> third =
                CompletableFuture.supplyAsync(() -> pool.instantiate(module, HostFunctions.empty()));
        // the third waits for a slot: it cannot complete before one is returned
        assertThat(third).isNotDone();
        first.close();
        first.close();
        WasmInstance instance = third.get(30, TimeUnit.SECONDS);
        assertThat(pool.availableSlots()).isZero();
        second.close();
        instance.close();
        assertThat(pool.availableSlots()).isEqualTo(2);
    }
}
