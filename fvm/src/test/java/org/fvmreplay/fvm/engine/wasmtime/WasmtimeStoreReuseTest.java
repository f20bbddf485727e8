package org.fvmreplay.fvm.engine.wasmtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.HostSignature;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instances share pooled stores one after another, and each still calls its own host functions. */
class WasmtimeStoreReuseTest {
    /** Calls env.record with its argument plus one, and returns its argument. */
    private static final String RECORD_I32 = """
            (module
              (import "env" "record" (func $record (param i32)))
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                local.get $n
                i32.const 1
                i32.add
                call $record
                local.get $n))
            """;

    /** The same import name with another signature, as FVM generations have for some syscalls. */
    private static final String RECORD_I64 = """
            (module
              (import "env" "record" (func $record (param i64)))
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                local.get $n
                i64.extend_i32_u
                call $record
                local.get $n))
            """;

    private WasmtimeEngine engine;

    @BeforeEach
    void start() {
        engine = new WasmtimeEngine(EngineConfig.reference());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void sequentialInstancesShareOneStoreAndEachCallsItsOwnHostFunctions() {
        CompiledModule module = compile(RECORD_I32);
        List<List<Long>> recorded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Long> mine = new ArrayList<>();
            recorded.add(mine);
            try (WasmInstance instance = engine.instantiate(module, recording(ValueType.I32, mine))) {
                instance.setGasCounter(1_000);
                assertThat(instance.call("run", i)).containsExactly(i);
            }
        }
        for (int i = 0; i < 10; i++) {
            assertThat(recorded.get(i)).containsExactly((long) i + 1);
        }
        assertThat(engine.storesCreated()).isEqualTo(1);
    }

    @Test
    void aReusedStoreStartsTheNextInstanceWithAZeroGasCounterAsAFreshOneWould() {
        CompiledModule module = compile(RECORD_I32);
        HostFunctions host = recording(ValueType.I32, new ArrayList<>());
        try (WasmInstance first = engine.instantiate(module, host)) {
            first.setGasCounter(12_345);
        }
        try (WasmInstance second = engine.instantiate(module, host)) {
            assertThat(second.gasCounter()).isZero();
        }
        assertThat(engine.storesCreated()).isEqualTo(1);
    }

    @Test
    void aNestedInstanceTakesAnotherStoreAndBothAreReusedAfterwards() {
        CompiledModule module = compile(RECORD_I32);
        List<Long> outer = new ArrayList<>();
        List<Long> inner = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (WasmInstance a = engine.instantiate(module, recording(ValueType.I32, outer))) {
                a.setGasCounter(1_000);
                try (WasmInstance b = engine.instantiate(module, recording(ValueType.I32, inner))) {
                    b.setGasCounter(1_000);
                    b.call("run", 20);
                }
                a.call("run", 10);
            }
        }
        assertThat(outer).containsExactly(11L, 11L, 11L);
        assertThat(inner).containsExactly(21L, 21L, 21L);
        assertThat(engine.storesCreated()).isEqualTo(2);
    }

    @Test
    void aDifferentSignatureForTheSameImportGetsItsOwnStore() {
        List<Long> narrow = new ArrayList<>();
        List<Long> wide = new ArrayList<>();
        try (WasmInstance a = engine.instantiate(compile(RECORD_I32), recording(ValueType.I32, narrow))) {
            a.setGasCounter(1_000);
            a.call("run", 4);
        }
        try (WasmInstance b = engine.instantiate(compile(RECORD_I64), recording(ValueType.I64, wide))) {
            b.setGasCounter(1_000);
            b.call("run", 7);
        }
        assertThat(narrow).containsExactly(5L);
        assertThat(wide).containsExactly(7L);
        assertThat(engine.storesCreated()).isEqualTo(2);
    }

    @Test
    void aStoreIsReplacedAfterItsInstanceBound() {
        CompiledModule module = compile(RECORD_I32);
        List<Long> recorded = new ArrayList<>();
        HostFunctions host = recording(ValueType.I32, recorded);
        for (int i = 0; i < StorePool.MAX_INSTANCES_PER_STORE + 1; i++) {
            try (WasmInstance instance = engine.instantiate(module, host)) {
                instance.setGasCounter(1_000);
                instance.call("run", 1);
            }
        }
        assertThat(recorded).hasSize(StorePool.MAX_INSTANCES_PER_STORE + 1);
        assertThat(engine.storesCreated()).isEqualTo(2);
    }

    private CompiledModule compile(String wat) {
        byte[] wasm = GasMeteringInjector.inject(Wat2Wasm.parse(wat), ConstantCostRules.defaults(), "gas");
        return engine.compile(Cid.compute(Multicodec.RAW, 0x12, wasm), wasm);
    }

    private static HostFunctions recording(ValueType type, List<Long> into) {
        return HostFunctions.of(List.of(
                new HostFunction("env", "record", HostSignature.of(List.of(type), List.of()), (caller, arguments) -> {
                    into.add(arguments[0]);
                    return new long[0];
                })));
    }
}
