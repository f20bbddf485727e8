package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.fvmreplay.fvm.engine.ActorCodeCorpus.ActorCode;
import org.fvmreplay.fvm.engine.EngineContractTest.Outcome;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Both engines (and Chicory's interpreter) on the same modules and inputs: identical results, gas, traps and syscalls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialEngineTest {
    private List<WasmEngine> engines;

    @BeforeAll
    void start() {
        engines = List.of(
                new WasmtimeEngine(EngineConfig.reference()),
                new ChicoryEngine(EngineConfig.reference()),
                new ChicoryEngine(EngineConfig.reference(), ChicoryEngine.Mode.INTERPRETER, Optional.empty()));
    }

    @AfterAll
    void stop() {
        engines.forEach(WasmEngine::close);
    }

    @Test
    void smallModulesAgreeOnEveryInputAndGasBudget() {
        String[] modules = {
            TestModules.STRAIGHT,
            TestModules.LOOP,
            TestModules.BRANCH,
            TestModules.CALLS,
            TestModules.GROW_DYNAMIC,
            TestModules.GROW_STATIC,
            TestModules.GROW_UNBOUNDED,
            TestModules.FILL_COPY,
            TestModules.RECORDING_LOOP,
            TestModules.HOST_ABORT,
            TestModules.TRAPS
        };
        Random random = new Random(20231121);
        int compared = 0;
        for (String wat : modules) {
            for (boolean withLimiter : new boolean[] {false, true}) {
                byte[] wasm = withLimiter
                        ? ModulePreparation.stackAndGas(wat, 100, ConstantCostRules.defaults())
                        : ModulePreparation.gasOnly(wat, new CountingRules());
                for (int trial = 0; trial < 12; trial++) {
                    long argument = trial < 6 ? trial : random.nextInt(200);
                    // budgets from generous down to tight, so out-of-gas lands at many different points
                    long gas = trial % 3 == 0 ? 1_000_000 : random.nextInt(300);
                    List<Outcome> outcomes = new ArrayList<>();
                    for (WasmEngine engine : engines) {
                        outcomes.add(EngineContractTest.run(engine, wasm, gas, argument));
                    }
                    assertThat(outcomes)
                            .as(
                                    "%s limiter=%s argument=%s gas=%s",
                                    wat.lines().skip(1).findFirst().orElse(""), withLimiter, argument, gas)
                            .allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.get(0)));
                    compared++;
                }
            }
        }
        System.out.printf(
                "differential: %d module/input/gas cases identical on %d engines%n", compared, engines.size());
        assertThat(compared).isEqualTo(modules.length * 2 * 12);
    }

    @Test
    void recursionHitsTheLimiterAtTheSameDepthEverywhere() {
        byte[] wasm = ModulePreparation.stackAndGas(TestModules.RECURSION, 2048, new CountingRules());
        List<Outcome> outcomes = engines.stream()
                .map(engine -> EngineContractTest.run(engine, wasm, 1_000_000, 0))
                .toList();
        assertThat(outcomes.get(0).trap()).isEqualTo(TrapKind.UNREACHABLE);
        // 3 + 4k > 2048 first at k = 512
        assertThat(outcomes.get(0).recorded()).hasSize(511);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.get(0)));
    }

    @Test
    void realActorsRunIdenticallyUpToTheirFirstSyscall() {
        // v10 mainnet actors: invoke(1) runs the actor's startup until its first syscall, which the stubs abort
        List<String> actors = List.of(
                "system",
                "init",
                "cron",
                "account",
                "storagepower",
                "storageminer",
                "storagemarket",
                "paymentchannel",
                "multisig",
                "reward",
                "verifiedregistry",
                "datacap",
                "evm",
                "eam",
                "ethaccount");
        for (String actor : actors) {
            ActorCode code = ActorCodeCorpus.find("v10", "mainnet", actor);
            byte[] instrumented = ActorBundleEngineTest.PROFILE.prepare(code.wasm());
            List<String> results = new ArrayList<>();
            for (WasmEngine engine : engines.subList(0, 2)) {
                List<String> calls = new ArrayList<>();
                try (WasmInstance instance = engine.instantiate(
                        engine.compile(code.cid(), instrumented),
                        StubHostFunctions.forModule(instrumented, calls::add))) {
                    instance.setGasCounter(1_000_000_000L);
                    String outcome;
                    try {
                        outcome = "returned " + instance.invoke(1);
                    } catch (Trap trap) {
                        outcome = trap.kind() + " " + trap.exitCode();
                    }
                    results.add(outcome + " gas " + instance.gasCounter() + " syscalls " + calls);
                }
            }
            assertThat(results.get(1)).as(actor).isEqualTo(results.get(0));
            assertThat(results.get(0)).as(actor).contains("syscalls [");
        }
    }
}
