package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.junit.jupiter.api.Test;

/**
 * Per-instance and call-stack memory limits on each engine. Nested calls go through a host function that instantiates
 * another actor in a new limiter frame, as the call manager's send does.
 */
abstract class MemoryLimitContractTest {
    static final long PAGE = EngineConfig.PAGE_SIZE;
    static final long GAS = 1_000_000;
    static final long GROW_FAILED = 0xFFFFFFFFL;

    /** Grows one page at a time until memory.grow fails; returns the final size in pages. */
    static final String GROW_UNTIL_REFUSED = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $unused i32) (result i32)
                (block $done
                  (loop $grow
                    (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                    (br $grow)))
                memory.size))
            """;

    /**
     * Starts with 2 pages, grows by 1 (returning -1 if refused) and then calls the next level through {@code env.nest},
     * returning what it returns: each instance stays at 3 pages, the stack of them does not.
     */
    static final String NEST = """
            (module
              (import "env" "nest" (func $nest (param i32) (result i32)))
              (memory (export "memory") 2)
              (func (export "run") (param $depth i32) (result i32)
                (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
                  (then (return (i32.const -1))))
                (call $nest (local.get $depth))))
            """;

    /** A 3-element table; {@code run(n)} grows it by n and returns the old size or -1. */
    static final String TABLE = """
            (module
              (memory (export "memory") 1)
              (table $t 3 funcref)
              (func (export "run") (param $elements i32) (result i32)
                (table.grow $t (ref.null func) (local.get $elements))))
            """;

    protected abstract WasmEngine createEngine(EngineConfig config);

    /** Whether wasm-initiated growth is refused at the grow itself (false: charged late, see the wasmtime engine). */
    protected abstract boolean refusesGrowthInPlace();

    static byte[] metered(String wat) {
        return ModulePreparation.gasOnly(wat, new CountingRules());
    }

    @Test
    void growthStopsAtTheInstanceLimitAndIsCharged() {
        try (WasmEngine engine = createEngine(new EngineConfig(4 * PAGE, 2048, 4L << 20))) {
            byte[] wasm = metered(GROW_UNTIL_REFUSED);
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(100 * PAGE);
            try (WasmInstance instance = engine.instantiate(
                    engine.compile(EngineContractTest.cidOf(wasm), wasm), HostFunctions.empty(), limiter)) {
                instance.setGasCounter(GAS);
                assertThat(instance.call("run", 0)[0]).isEqualTo(4);
                assertThat(instance.memorySize()).isEqualTo(4 * PAGE);
            }
            // refused growth beyond the declared (lowered) maximum reserves nothing
            assertThat(limiter.memoryUsed()).isEqualTo(4 * PAGE);
        }
    }

    @Test
    void growthStopsAtTheCallStackLimit() {
        try (WasmEngine engine = createEngine(EngineConfig.reference())) {
            byte[] wasm = metered(GROW_UNTIL_REFUSED);
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(6 * PAGE);
            limiter.tryReserve(2 * PAGE); // callers' instances
            try (WasmInstance instance = engine.instantiate(
                    engine.compile(EngineContractTest.cidOf(wasm), wasm), HostFunctions.empty(), limiter)) {
                instance.setGasCounter(GAS);
                if (refusesGrowthInPlace()) {
                    assertThat(instance.call("run", 0)[0]).isEqualTo(4);
                    assertThat(limiter.memoryUsed()).isEqualTo(6 * PAGE);
                } else {
                    // wasmtime grows to the instance limit and only then notices the budget is exceeded
                    assertThatThrownBy(() -> instance.call("run", 0)).isInstanceOfSatisfying(Trap.class, trap -> {
                        assertThat(trap.kind()).isEqualTo(TrapKind.FATAL);
                        assertThat(trap.exitCode()).isEqualTo(ExitCodes.SYS_ASSERTION_FAILED);
                        assertThat(trap).hasMessageContaining("wasmtime-java cannot refuse");
                    });
                }
            }
        }
    }

    @Test
    void initialMemoryBeyondTheCallStackLimitFailsInstantiation() {
        try (WasmEngine engine = createEngine(EngineConfig.reference())) {
            byte[] wasm = metered(GROW_UNTIL_REFUSED);
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(PAGE - 1);
            CompiledModule module = engine.compile(EngineContractTest.cidOf(wasm), wasm);
            assertThatThrownBy(() -> engine.instantiate(module, HostFunctions.empty(), limiter))
                    .isInstanceOfSatisfying(Trap.class, trap -> {
                        assertThat(trap.kind()).isEqualTo(TrapKind.MEMORY_LIMIT);
                        assertThat(trap.exitCode()).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
                    });
            assertThat(limiter.memoryUsed()).isZero();
        }
    }

    /** Runs {@link #NEST} {@code levels} deep under a total of {@code totalPages}; records the peak reservation. */
    private long nest(WasmEngine engine, MemoryLimiter limiter, int levels, AtomicLong peak) {
        byte[] wasm = metered(NEST);
        CompiledModule module = engine.compile(EngineContractTest.cidOf(wasm), wasm);
        HostFunctions[] host = new HostFunctions[1];
        host[0] = HostFunctions.of(List.of(new HostFunction(
                "env",
                "nest",
                HostSignature.of(List.of(ValueType.I32), List.of(ValueType.I32)),
                (caller, arguments) -> {
                    peak.accumulateAndGet(limiter.memoryUsed(), Math::max);
                    int depth = (int) arguments[0];
                    if (depth == 0) {
                        return new long[] {0};
                    }
                    long frame = limiter.enterFrame();
                    try (WasmInstance nested = engine.instantiate(module, host[0], limiter)) {
                        nested.setGasCounter(GAS);
                        return new long[] {nested.call("run", depth - 1)[0]};
                    } catch (Trap trap) {
                        if (trap.kind() != TrapKind.MEMORY_LIMIT) {
                            throw trap;
                        }
                        return new long[] {trap.exitCode()};
                    } finally {
                        limiter.exitFrame(frame);
                    }
                })));
        try (WasmInstance outer = engine.instantiate(module, host[0], limiter)) {
            outer.setGasCounter(GAS);
            return outer.call("run", levels)[0];
        }
    }

    @Test
    void nestedInstancesWithinTheTotalSucceed() {
        try (WasmEngine engine = createEngine(new EngineConfig(4 * PAGE, 2048, 4L << 20))) {
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(12 * PAGE);
            AtomicLong peak = new AtomicLong();
            assertThat(nest(engine, limiter, 3, peak)).isZero();
            // four instances of 3 pages each at the deepest point; the nested frames are released afterwards
            assertThat(peak.get()).isEqualTo(12 * PAGE);
            assertThat(limiter.memoryUsed()).isEqualTo(3 * PAGE);
        }
    }

    @Test
    void nestedInstantiationBeyondTheTotalFails() {
        try (WasmEngine engine = createEngine(new EngineConfig(4 * PAGE, 2048, 4L << 20))) {
            // three instances use 9 pages; the fourth's 2 initial pages would make 11
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(10 * PAGE);
            AtomicLong peak = new AtomicLong();
            assertThat(nest(engine, limiter, 5, peak)).isEqualTo(ExitCodes.SYS_ILLEGAL_INSTRUCTION);
            assertThat(peak.get()).isEqualTo(9 * PAGE);
            assertThat(limiter.memoryUsed()).isEqualTo(3 * PAGE);
        }
    }

    @Test
    void nestedGrowthBeyondTheTotalIsRefused() {
        try (WasmEngine engine = createEngine(new EngineConfig(4 * PAGE, 2048, 4L << 20))) {
            // the fourth instance fits with its 2 initial pages (11) but cannot grow to 12
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(11 * PAGE);
            AtomicLong peak = new AtomicLong();
            if (refusesGrowthInPlace()) {
                assertThat(nest(engine, limiter, 5, peak)).isEqualTo(GROW_FAILED);
                assertThat(peak.get()).isEqualTo(9 * PAGE);
            } else {
                assertThatThrownBy(() -> nest(engine, limiter, 5, peak)).isInstanceOfSatisfying(Trap.class, trap -> {
                    assertThat(trap.kind()).isEqualTo(TrapKind.FATAL);
                    assertThat(trap).hasMessageContaining("beyond the call stack's limit");
                });
            }
            assertThat(limiter.memoryUsed()).isEqualTo(3 * PAGE);
        }
    }

    @Test
    void initialTablesAreChargedAndLimited() {
        byte[] wasm = metered(TABLE);
        try (WasmEngine engine = createEngine(EngineConfig.reference())) {
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(PAGE + 3 * 8);
            try (WasmInstance instance = engine.instantiate(
                    engine.compile(EngineContractTest.cidOf(wasm), wasm), HostFunctions.empty(), limiter)) {
                assertThat(limiter.memoryUsed()).isEqualTo(PAGE + 3 * 8);
            }
            MemoryLimiter tooSmall = MemoryLimiter.withTotalLimit(PAGE + 3 * 8 - 1);
            CompiledModule module = engine.compile(EngineContractTest.cidOf(wasm), wasm);
            assertThatThrownBy(() -> engine.instantiate(module, HostFunctions.empty(), tooSmall))
                    .isInstanceOfSatisfying(
                            Trap.class, trap -> assertThat(trap.kind()).isEqualTo(TrapKind.MEMORY_LIMIT));
        }
        try (WasmEngine engine = createEngine(new EngineConfig(512L << 20, 2048, 4L << 20, 2))) {
            CompiledModule module = engine.compile(EngineContractTest.cidOf(wasm), wasm);
            assertThatThrownBy(() -> engine.instantiate(module, HostFunctions.empty(), MemoryLimiter.unlimited()))
                    .isInstanceOfSatisfying(Trap.class, trap -> {
                        assertThat(trap.kind()).isEqualTo(TrapKind.MEMORY_LIMIT);
                        assertThat(trap).hasMessageContaining("the limit is 2");
                    });
        }
    }

    @Test
    void tableGrowthIsChargedAndLimited() {
        byte[] wasm = metered(TABLE);
        try (WasmEngine engine = createEngine(new EngineConfig(512L << 20, 2048, 4L << 20, 6))) {
            MemoryLimiter limiter = MemoryLimiter.withTotalLimit(PAGE + 5 * 8);
            try (WasmInstance instance = engine.instantiate(
                    engine.compile(EngineContractTest.cidOf(wasm), wasm), HostFunctions.empty(), limiter)) {
                instance.setGasCounter(GAS);
                assertThat(instance.call("run", 2)[0]).isEqualTo(3);
                if (refusesGrowthInPlace()) {
                    assertThat(limiter.memoryUsed()).isEqualTo(PAGE + 5 * 8);
                    assertThat(instance.call("run", 1)[0]).isEqualTo(GROW_FAILED); // over the total
                } else {
                    // wasmtime-java cannot observe table growth: documented gap
                    assertThat(limiter.memoryUsed()).isEqualTo(PAGE + 3 * 8);
                }
            }
            MemoryLimiter roomy = MemoryLimiter.unlimited();
            try (WasmInstance instance = engine.instantiate(
                    engine.compile(EngineContractTest.cidOf(wasm), wasm), HostFunctions.empty(), roomy)) {
                instance.setGasCounter(GAS);
                assertThat(instance.call("run", 3)[0]).isEqualTo(3);
                if (refusesGrowthInPlace()) {
                    assertThat(instance.call("run", 1)[0]).isEqualTo(GROW_FAILED); // over the 6-element instance limit
                }
            }
        }
    }
}
