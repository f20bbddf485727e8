package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The behaviour every engine must share, with gas computed by hand (see {@link TestModules}); one subclass per engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineContractTest {
    static final long PLENTY_OF_GAS = 1_000_000;

    private WasmEngine engine;

    protected abstract WasmEngine createEngine(EngineConfig config);

    @BeforeAll
    void startEngine() {
        engine = createEngine(EngineConfig.reference());
    }

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    /** The outcome of one call: results or trap, gas used, host-recorded values. */
    record Outcome(long result, TrapKind trap, int exitCode, long gasUsed, List<Long> recorded) {}

    static Outcome run(WasmEngine engine, byte[] wasm, long gas, long argument) {
        List<Long> recorded = new ArrayList<>();
        HostFunctions host = HostFunctions.of(List.of(
                new HostFunction(
                        "env", "record", HostSignature.of(List.of(ValueType.I32), List.of()), (caller, arguments) -> {
                            recorded.add(arguments[0]);
                            return new long[0];
                        }),
                new HostFunction(
                        "env", "abort", HostSignature.of(List.of(ValueType.I32), List.of()), (caller, arguments) -> {
                            throw new HostAbort((int) arguments[0], "actor aborted");
                        })));
        CompiledModule module = engine.compile(cidOf(wasm), wasm);
        try (WasmInstance instance = engine.instantiate(module, host)) {
            instance.setGasCounter(gas);
            try {
                long[] results = instance.call("run", argument);
                return new Outcome(results[0], null, ExitCodes.OK, gas - instance.gasCounter(), recorded);
            } catch (Trap trap) {
                return new Outcome(0, trap.kind(), trap.exitCode(), gas - instance.gasCounter(), recorded);
            }
        }
    }

    static Cid cidOf(byte[] wasm) {
        return Cid.compute(Multicodec.RAW, 0x12, wasm);
    }

    private Outcome run(byte[] wasm, long argument) {
        return run(engine, wasm, PLENTY_OF_GAS, argument);
    }

    private static byte[] metered(String wat) {
        return ModulePreparation.gasOnly(wat, new CountingRules());
    }

    @Test
    void straightLineChargesEveryInstruction() {
        Outcome outcome = run(metered(TestModules.STRAIGHT), 40);
        assertThat(outcome.result()).isEqualTo(42);
        assertThat(outcome.gasUsed()).isEqualTo(3);
    }

    @Test
    void loopChargesItsBodyPerIteration() {
        assertThat(run(metered(TestModules.LOOP), 5)).isEqualTo(new Outcome(15, null, 0, 2 + 9 * 5, List.of()));
        assertThat(run(metered(TestModules.LOOP), 1)).isEqualTo(new Outcome(1, null, 0, 2 + 9, List.of()));
    }

    @Test
    void branchesChargeOnlyTheTakenArm() {
        assertThat(run(metered(TestModules.BRANCH), 1)).isEqualTo(new Outcome(30, null, 0, 5, List.of()));
        assertThat(run(metered(TestModules.BRANCH), 0)).isEqualTo(new Outcome(7, null, 0, 3, List.of()));
    }

    @Test
    void callsChargeCallerAndCallee() {
        assertThat(run(metered(TestModules.CALLS), 3)).isEqualTo(new Outcome(81, null, 0, 9, List.of()));
    }

    @Test
    void memoryGrowChargesPerPageAtRunTime() {
        assertThat(run(metered(TestModules.GROW_DYNAMIC), 3))
                .isEqualTo(new Outcome(1, null, 0, 2 + 3 * CountingRules.GROW_PAGE_COST, List.of()));
        // beyond the declared maximum: charged all the same, and memory.grow returns -1
        assertThat(run(metered(TestModules.GROW_DYNAMIC), 20))
                .isEqualTo(new Outcome(0xFFFFFFFFL, null, 0, 2 + 20 * CountingRules.GROW_PAGE_COST, List.of()));
    }

    @Test
    void memoryGrowWithConstantArgumentIsChargedStatically() {
        assertThat(run(metered(TestModules.GROW_STATIC), 0))
                .isEqualTo(new Outcome(3, null, 0, 4 + 2 * CountingRules.GROW_PAGE_COST, List.of()));
    }

    @Test
    void memoryFillAndCopyChargePerByte() {
        assertThat(run(metered(TestModules.FILL_COPY), 50)).isEqualTo(new Outcome(7, null, 0, 10 + 4 * 50, List.of()));
        assertThat(run(metered(TestModules.FILL_COPY), 0)).isEqualTo(new Outcome(0, null, 0, 10, List.of()));
    }

    @Test
    void outOfGasTrapsAtTheExactBlock() {
        byte[] wasm = metered(TestModules.RECORDING_LOOP);
        // 2 for the outer block, then 9 per iteration: three iterations fit in 2 + 27 + 5, the fourth charge overdraws
        // by 4
        Outcome outcome = run(engine, wasm, 2 + 9 * 3 + 5, 100);
        assertThat(outcome.trap()).isEqualTo(TrapKind.OUT_OF_GAS);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.SYS_OUT_OF_GAS);
        assertThat(outcome.recorded()).containsExactly(0L, 1L, 2L);
        assertThat(outcome.gasUsed()).isEqualTo(2 + 9 * 4);
        // exactly enough gas for all iterations: no trap, nothing left
        assertThat(run(engine, wasm, 2 + 9 * 3, 3)).isEqualTo(new Outcome(3, null, 0, 2 + 9 * 3, List.of(0L, 1L, 2L)));
    }

    @Test
    void instrumentedStackLimiterTrapsAtTheComputedDepth() {
        byte[] wasm = ModulePreparation.stackAndGas(TestModules.RECURSION, 100, new CountingRules());
        Outcome outcome = run(wasm, 0);
        // costs are the activation frame (2) plus the operand height: run 2 + 1, rec 2 + 2. The run thunk makes the
        // height 3,
        // each call of rec adds 4: the 25th call would reach 3 + 100 > 100, so rec runs 24 times (depths 0..23)
        assertThat(outcome.trap()).isEqualTo(TrapKind.UNREACHABLE);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
        assertThat(outcome.recorded()).hasSize(24);
        assertThat(outcome.recorded().get(23)).isEqualTo(23);
    }

    @Test
    void nativeStackOverflowWithoutLimiterIsATrap() {
        Outcome outcome = run(engine, metered(TestModules.RECURSION), Long.MAX_VALUE, 0);
        assertThat(outcome.trap()).isEqualTo(TrapKind.STACK_OVERFLOW);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
        assertThat(outcome.recorded()).hasSizeGreaterThan(100);
    }

    @Test
    void hostAbortCarriesItsExitCode() {
        Outcome outcome = run(metered(TestModules.HOST_ABORT), 18);
        assertThat(outcome.trap()).isEqualTo(TrapKind.HOST_ABORT);
        assertThat(outcome.exitCode()).isEqualTo(18);
    }

    @Test
    void hostFunctionBugIsFatalNotATrapLookalike() {
        byte[] wasm = metered(TestModules.HOST_ABORT);
        HostFunctions buggy = HostFunctions.of(List.of(new HostFunction(
                "env", "abort", HostSignature.of(List.of(ValueType.I32), List.of()), (caller, arguments) -> {
                    throw new IllegalStateException("unreachable state reached in the kernel");
                })));
        try (WasmInstance instance = engine.instantiate(engine.compile(cidOf(wasm), wasm), buggy)) {
            instance.setGasCounter(PLENTY_OF_GAS);
            assertThatThrownBy(() -> instance.call("run", 1)).isInstanceOfSatisfying(Trap.class, trap -> {
                assertThat(trap.kind()).isEqualTo(TrapKind.FATAL);
                assertThat(trap.exitCode()).isEqualTo(ExitCodes.SYS_ASSERTION_FAILED);
                assertThat(trap).hasMessageContaining("env.abort");
            });
        }
    }

    @Test
    void trapsMapToReferenceKinds() {
        byte[] wasm = metered(TestModules.TRAPS);
        assertThat(run(wasm, 0).trap()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        assertThat(run(wasm, 1).trap()).isEqualTo(TrapKind.MEMORY_OUT_OF_BOUNDS);
        assertThat(run(wasm, 2).trap()).isEqualTo(TrapKind.UNREACHABLE);
        assertThat(run(wasm, 3).trap()).isEqualTo(TrapKind.INTEGER_OVERFLOW);
        assertThat(run(wasm, 4).trap()).isEqualTo(TrapKind.BAD_CONVERSION_TO_INTEGER);
        assertThat(run(wasm, 5).trap()).isEqualTo(TrapKind.INDIRECT_CALL);
        for (int which = 0; which <= 5; which++) {
            assertThat(run(wasm, which).exitCode()).as("trap %s", which).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
        }
    }

    @Test
    void instanceMemoryLimitStopsGrowth() {
        try (WasmEngine small = createEngine(new EngineConfig(4 * EngineConfig.PAGE_SIZE, 2048, 4L << 20))) {
            byte[] wasm = metered(TestModules.GROW_UNBOUNDED);
            assertThat(run(small, wasm, PLENTY_OF_GAS, 3).result()).isEqualTo(1);
            assertThat(run(small, wasm, PLENTY_OF_GAS, 4).result()).isEqualTo(0xFFFFFFFFL);
        }
    }

    @Test
    void initialMemoryAboveLimitFailsInstantiation() {
        try (WasmEngine small = createEngine(new EngineConfig(EngineConfig.PAGE_SIZE, 2048, 4L << 20))) {
            byte[] wasm = metered(TestModules.GROW_DYNAMIC.replace(
                    "(memory (export \"memory\") 1 10)", "(memory (export \"memory\") 2 10)"));
            CompiledModule module = small.compile(cidOf(wasm), wasm);
            assertThatThrownBy(() -> small.instantiate(module, HostFunctions.empty()))
                    .isInstanceOfSatisfying(Trap.class, trap -> {
                        assertThat(trap.kind()).isEqualTo(TrapKind.MEMORY_LIMIT);
                        assertThat(trap.exitCode()).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
                    });
        }
    }

    @Test
    void memoryReadsAndWritesAreBoundsChecked() {
        byte[] wasm = metered(TestModules.STRAIGHT);
        try (WasmInstance instance = engine.instantiate(engine.compile(cidOf(wasm), wasm), HostFunctions.empty())) {
            assertThat(instance.memorySize()).isEqualTo(EngineConfig.PAGE_SIZE);
            instance.writeMemory(65530, new byte[] {1, 2, 3, 4, 5, 6});
            assertThat(instance.readMemory(65532, 4)).containsExactly(3, 4, 5, 6);
            assertThatThrownBy(() -> instance.readMemory(65533, 4))
                    .isInstanceOfSatisfying(
                            Trap.class, trap -> assertThat(trap.kind()).isEqualTo(TrapKind.MEMORY_OUT_OF_BOUNDS));
            assertThatThrownBy(() -> instance.writeMemory(-1, new byte[1])).isInstanceOf(Trap.class);
        }
    }

    @Test
    void missingOrMistypedHostFunctionIsALinkError() {
        byte[] wasm = metered(TestModules.HOST_ABORT);
        CompiledModule module = engine.compile(cidOf(wasm), wasm);
        assertThatThrownBy(() -> engine.instantiate(module, HostFunctions.empty()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("env.abort");
        HostFunctions wrong = HostFunctions.of(List.of(new HostFunction(
                "env",
                "abort",
                HostSignature.of(List.of(ValueType.I64), List.of()),
                (caller, arguments) -> new long[0])));
        assertThatThrownBy(() -> engine.instantiate(module, wrong))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("declared [I32]");
    }

    @Test
    void instancesDoNotShareState() {
        byte[] wasm = metered(TestModules.GROW_DYNAMIC);
        CompiledModule module = engine.compile(cidOf(wasm), wasm);
        try (WasmInstance first = engine.instantiate(module, HostFunctions.empty());
                WasmInstance second = engine.instantiate(module, HostFunctions.empty())) {
            first.setGasCounter(PLENTY_OF_GAS);
            second.setGasCounter(7);
            first.call("run", 2);
            first.writeMemory(0, new byte[] {42});
            assertThat(first.memorySize()).isEqualTo(3L * EngineConfig.PAGE_SIZE);
            assertThat(second.memorySize()).isEqualTo(EngineConfig.PAGE_SIZE);
            assertThat(second.readMemory(0, 1)).containsExactly(0);
            assertThat(second.gasCounter()).isEqualTo(7);
        }
    }
}
