package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fvmreplay.fvm.engine.ActorCodeCorpus.ActorCode;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.junit.jupiter.api.Test;

/**
 * Actor modules of every bundle in ../shared/actors (all networks, deduplicated by code CID: 973 codes) validate,
 * instrument and instantiate with stub syscalls. All of them take about 10 minutes on wasmtime and far longer with
 * Chicory's bytecode generation, so the build runs deterministic samples (every Nth code in CID order); with
 * {@code -Dfvmreplay.engines.allActors=true} wasmtime takes every code and Chicory every 8th.
 */
public class ActorBundleEngineTest {
    public static final InstrumentationProfile PROFILE =
            new InstrumentationProfile("constant-1", ConstantCostRules.defaults(), 2048);
    private static final boolean ALL = Boolean.getBoolean("fvmreplay.engines.allActors");
    private static final int WASMTIME_STRIDE = ALL ? 1 : 25;
    private static final int CHICORY_STRIDE = ALL ? 8 : 120;

    @Test
    void enumeratesEveryBundleAndNetwork() {
        Collection<ActorCode> codes = ActorCodeCorpus.all().values();
        long actorNames = codes.stream().map(ActorCode::name).distinct().count();
        long origins = codes.stream().map(ActorCode::origin).distinct().count();
        System.out.printf(
                "actor bundles: %d distinct codes, %d actor names, first seen in %d bundle networks%n",
                codes.size(), actorNames, origins);
        assertThat(codes).hasSize(973);
        assertThat(codes).allSatisfy(code -> assertThat(code.wasm()).startsWith(0x00, 0x61, 0x73, 0x6d));
        assertThat(codes.stream().map(ActorCode::name))
                .contains("storageminer", "storagemarket", "storagepower", "evm", "system");
    }

    @Test
    void actorCodesInstantiateInWasmtime() {
        List<ActorCode> codes = ActorCodeCorpus.sample(WASMTIME_STRIDE);
        int instantiated;
        try (WasmEngine engine = new WasmtimeEngine(EngineConfig.reference())) {
            instantiated = instantiateAll(engine, codes);
        }
        System.out.printf(
                "wasmtime: %d of %d actor codes (1 in %d of %d) validated, instrumented and instantiated%n",
                instantiated,
                codes.size(),
                WASMTIME_STRIDE,
                ActorCodeCorpus.all().size());
        assertThat(instantiated).isEqualTo(codes.size()).isPositive();
    }

    @Test
    void sampledActorCodesInstantiateInChicory() {
        List<ActorCode> sample = ActorCodeCorpus.sample(CHICORY_STRIDE);
        int instantiated;
        try (WasmEngine engine = new ChicoryEngine(EngineConfig.reference())) {
            instantiated = instantiateAll(engine, sample);
        }
        System.out.printf(
                "chicory: %d of %d sampled actor codes (1 in %d of %d) instantiated%n",
                instantiated,
                sample.size(),
                CHICORY_STRIDE,
                ActorCodeCorpus.all().size());
        assertThat(instantiated).isEqualTo(sample.size());
        assertThat(sample).isNotEmpty();
    }

    /** Chicory's interpreter skips bytecode generation, so every code fits in the build: the compiler is sampled above. */
    @Test
    void everyActorCodeInstantiatesInChicorysInterpreter() {
        List<ActorCode> codes = ActorCodeCorpus.sample(1);
        int instantiated;
        try (WasmEngine engine = new ChicoryEngine(
                EngineConfig.reference(), ChicoryEngine.Mode.INTERPRETER, java.util.Optional.empty())) {
            instantiated = instantiateAll(engine, codes);
        }
        System.out.printf(
                "chicory interpreter: %d of %d actor codes validated, instrumented and instantiated%n",
                instantiated, ActorCodeCorpus.all().size());
        assertThat(instantiated).isEqualTo(973);
    }

    private static int instantiateAll(WasmEngine engine, Collection<ActorCode> codes) {
        List<String> failures = new ArrayList<>();
        int instantiated = 0;
        for (ActorCode code : codes) {
            try {
                byte[] instrumented = PROFILE.prepare(code.wasm());
                CompiledModule module = engine.compile(code.cid(), instrumented);
                List<String> calls = new ArrayList<>();
                try (WasmInstance instance =
                        engine.instantiate(module, StubHostFunctions.forModule(instrumented, calls::add))) {
                    assertThat(instance.memorySize()).isPositive();
                    assertThat(calls).as("no syscall during instantiation").isEmpty();
                }
                instantiated++;
            } catch (RuntimeException e) {
                failures.add(code.origin() + " " + code.name() + " " + code.cid() + ": " + e);
            }
        }
        assertThat(failures).as(engine.name() + " failures").isEmpty();
        return instantiated;
    }
}
