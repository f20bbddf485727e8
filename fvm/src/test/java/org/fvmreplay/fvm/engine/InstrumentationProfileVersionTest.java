package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.List;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.wasm.instrument.InstrumentVersion;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.junit.jupiter.api.Test;

/** FVM v2 code is instrumented with fvm-wasm-instrument 0.2, whose gas global the engines must still link and meter. */
class InstrumentationProfileVersionTest {
    private static final byte[] WASM = Wat2Wasm.parse("""
            (module
              (memory (export "memory") 1)
              (func (export "invoke") (param i32) (result i32)
                local.get 0
                i32.const 1
                i32.add))
            """);

    @Test
    void threeArgumentProfileKeepsV3Instrumentation() {
        InstrumentationProfile profile = new InstrumentationProfile("constant-1", ConstantCostRules.defaults(), 2048);
        assertThat(profile.instrumentVersion()).isEqualTo(InstrumentVersion.V0_4);
        assertThat(gasGlobalNames(profile.prepare(WASM))).containsExactly(GasMeteringInjector.GAS_COUNTER_NAME);
    }

    @Test
    void v02ProfileImportsTheMisspelledGasGlobalAndLinks() {
        InstrumentationProfile profile = new InstrumentationProfile(
                "constant-1-v02", ConstantCostRules.defaults(), 2048, InstrumentVersion.V0_2);
        byte[] prepared = profile.prepare(WASM);
        assertThat(gasGlobalNames(prepared)).containsExactly(GasMeteringInjector.GAS_COUNTER_NAME_V0_2);

        for (WasmEngine engine :
                List.of(new ChicoryEngine(EngineConfig.reference()), new WasmtimeEngine(EngineConfig.reference()))) {
            try (engine) {
                CompiledModule module = engine.compile(Cid.compute(Multicodec.RAW, 0x12, WASM), prepared);
                try (WasmInstance instance = engine.instantiate(module, HostFunctions.empty())) {
                    instance.setGasCounter(1_000_000);
                    assertThat(instance.invoke(41)).isEqualTo(42);
                    // the call was metered through the 0.2 gas global
                    assertThat(instance.gasCounter())
                            .as(engine.getClass().getSimpleName())
                            .isLessThan(1_000_000);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> gasGlobalNames(byte[] wasm) {
        return ModuleImports.of(wasm).resolve(HostFunctions.empty(), "test").stream()
                .filter(ModuleImports.Binding::isGasCounter)
                .map(ModuleImports.Binding::name)
                .toList();
    }
}
