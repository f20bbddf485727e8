package org.fvmreplay.bench;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.HostSignature;
import org.fvmreplay.fvm.engine.InstrumentationProfile;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two engines side by side: compiling an instrumented actor (v10 mainnet miner, market, EVM, power), instantiating
 * it, and executing an instrumented compute-heavy function (a 10,000-iteration integer mixing loop calling a helper,
 * metered and stack-limited like actor code).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WasmEngineBenchmark {
    static final InstrumentationProfile PROFILE =
            new InstrumentationProfile("constant-1", ConstantCostRules.defaults(), 2048);

    static WasmEngine engine(String name) {
        return switch (name) {
            case "chicory" -> new ChicoryEngine(EngineConfig.reference());
            case "wasmtime" -> new WasmtimeEngine(EngineConfig.reference());
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }

    /** An instrumented actor module ready to compile and a compiled copy to instantiate. */
    @State(Scope.Benchmark)
    public static class ActorState {
        @Param({"chicory", "wasmtime"})
        public String engine;

        @Param({"storageminer", "storagemarket", "evm", "storagepower"})
        public String actor;

        WasmEngine wasmEngine;
        Cid cid;
        byte[] instrumented;
        CompiledModule compiled;
        HostFunctions stubs;

        @Setup(Level.Trial)
        public void setUp() {
            Path shared = Path.of(System.getProperty("fvmreplay.shared", "../shared"));
            ActorBundleCode.Code code = ActorBundleCode.load(shared.resolve("actors/v10.tar.zst"), "mainnet")
                    .get(actor);
            cid = code.cid();
            instrumented = PROFILE.prepare(code.wasm());
            wasmEngine = engine(engine);
            compiled = wasmEngine.compile(cid, instrumented);
            stubs = stubs(instrumented);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            wasmEngine.close();
        }
    }

    /** Host functions for every import, throwing if called (instantiation calls none). */
    static HostFunctions stubs(byte[] wasm) {
        WasmModule module = WasmModule.decode(wasm);
        java.util.List<HostFunction> functions = new java.util.ArrayList<>();
        for (Import declared : module.imports()) {
            if (declared.kind() == ExternalKind.FUNCTION) {
                FuncType type = module.types().get(declared.typeIndex());
                functions.add(new HostFunction(
                        declared.module(),
                        declared.name(),
                        HostSignature.of(type.params(), type.results()),
                        (caller, arguments) -> {
                            throw new IllegalStateException("syscall called in a benchmark");
                        }));
            }
        }
        return HostFunctions.of(functions);
    }

    @Benchmark
    public CompiledModule compile(ActorState state) {
        return state.wasmEngine.compile(state.cid, state.instrumented);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long instantiate(ActorState state) {
        try (WasmInstance instance = state.wasmEngine.instantiate(state.compiled, state.stubs)) {
            return instance.memorySize();
        }
    }

    /** An instance of the compute module, fresh per trial. */
    @State(Scope.Thread)
    public static class ComputeState {
        static final String WAT = """
                (module
                  (memory (export "memory") 1)
                  (func $mix (param $h i32) (param $x i32) (result i32)
                    local.get $h
                    local.get $x
                    i32.xor
                    i32.const 16777619
                    i32.mul
                    i32.const 13
                    i32.rotl)
                  (func (export "run") (param $n i32) (result i32)
                    (local $h i32) (local $i i32)
                    i32.const -2128831035
                    local.set $h
                    (loop $l
                      local.get $h
                      local.get $i
                      call $mix
                      local.set $h
                      local.get $i
                      i32.const 1
                      i32.add
                      local.tee $i
                      local.get $n
                      i32.lt_u
                      br_if $l)
                    local.get $h))
                """;

        @Param({"chicory", "wasmtime"})
        public String engine;

        WasmEngine wasmEngine;
        WasmInstance instance;

        @Setup(Level.Trial)
        public void setUp() {
            byte[] instrumented = PROFILE.prepare(Wat2Wasm.parse(WAT));
            wasmEngine = engine(engine);
            instance = wasmEngine.instantiate(
                    wasmEngine.compile(Cid.compute(Multicodec.RAW, 0x12, instrumented), instrumented),
                    HostFunctions.empty());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            instance.close();
            wasmEngine.close();
        }
    }

    /** 10,000 loop iterations (17 metered instructions each, about 170,000 in all); result is the hash. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long execute(ComputeState state) {
        state.instance.setGasCounter(Long.MAX_VALUE);
        return state.instance.call("run", 10_000)[0];
    }
}
