package org.fvmreplay.fvm.engine.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.wasm.Parser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.engine.ActorBundleEngineTest;
import org.fvmreplay.fvm.engine.ActorCodeCorpus;
import org.fvmreplay.fvm.engine.ActorCodeCorpus.ActorCode;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.StubHostFunctions;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.junit.jupiter.api.Test;

/** The miner actor has functions too large for one JVM method: Chicory must interpret those and still run the module. */
class ChicoryInterpreterFallbackTest {
    @Test
    void minerNeedsTheInterpreterFallbackAndRunsWithIt(@org.junit.jupiter.api.io.TempDir Path classes)
            throws Exception {
        ActorCode miner = ActorCodeCorpus.find("v10", "mainnet", "storageminer");
        byte[] instrumented = ActorBundleEngineTest.PROFILE.prepare(miner.wasm());
        DirectoryClassCache cache = new DirectoryClassCache(classes);
        ChicoryEngine engine =
                new ChicoryEngine(EngineConfig.reference(), ChicoryEngine.Mode.COMPILER, Optional.of(cache));

        // without the fallback, compilation refuses the module
        assertThatThrownBy(() -> engine.compileToBytecode(Parser.parse(instrumented), InterpreterFallback.FAIL))
                .isInstanceOf(RuntimeException.class);

        // with it, the module compiles, instantiates and runs up to its first syscall
        CompiledModule module = engine.compile(miner.cid(), instrumented);
        List<String> calls = new ArrayList<>();
        try (WasmInstance instance =
                engine.instantiate(module, StubHostFunctions.forModule(instrumented, calls::add))) {
            instance.setGasCounter(10_000_000_000L);
            assertThatThrownBy(() -> instance.invoke(1)).isInstanceOfSatisfying(Trap.class, trap -> {
                assertThat(trap.kind()).isEqualTo(TrapKind.HOST_ABORT);
                assertThat(trap.exitCode()).isEqualTo(StubHostFunctions.STUB_EXIT_CODE);
            });
            assertThat(calls).hasSize(1);
            assertThat(instance.gasCounter()).isLessThan(10_000_000_000L);
        }

        // the generated classes were persisted: a second engine on the same directory reads them instead of
        // regenerating
        long stored = cache.writes();
        assertThat(stored).isPositive();
        try (var files = Files.list(classes)) {
            assertThat(files.count()).isEqualTo(stored);
        }
        DirectoryClassCache reopened = new DirectoryClassCache(classes);
        new ChicoryEngine(EngineConfig.reference(), ChicoryEngine.Mode.COMPILER, Optional.of(reopened))
                .compile(miner.cid(), instrumented);
        assertThat(reopened.hits()).isPositive();
        assertThat(reopened.writes()).isZero();
    }
}
