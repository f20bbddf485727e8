package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fvmreplay.fvm.engine.ActorCodeCorpus.ActorCode;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines by name, and their on-disk code caches: a second process's compile reads what the first one wrote. */
class WasmEnginesTest {
    @TempDir
    Path cache;

    @Test
    void enginesByName() {
        assertThat(WasmEngines.create("chicory", EngineConfig.reference(), Optional.empty()))
                .isInstanceOf(ChicoryEngine.class);
        assertThat(WasmEngines.create("wasmtime", EngineConfig.reference(), Optional.empty()))
                .isInstanceOf(WasmtimeEngine.class);
        assertThatThrownBy(() -> WasmEngines.create("wasmer", EngineConfig.reference(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown engine 'wasmer': expected one of [chicory, wasmtime]");
    }

    @Test
    void chicorysCacheIsFilledOnceAndThenOnlyRead() throws IOException {
        ActorCode account = ActorCodeCorpus.find("v10", "mainnet", "account");
        byte[] instrumented = ActorBundleEngineTest.PROFILE.prepare(account.wasm());
        Path classes = cache.resolve("chicory-" + WasmEngines.chicoryVersion());

        WasmEngines.create("chicory", EngineConfig.reference(), Optional.of(cache))
                .compile(account.cid(), instrumented);
        Map<Path, FileTime> written = files(classes);
        assertThat(written).isNotEmpty();

        // a new engine, as in the next process: the same module compiles, nothing is written again
        CompiledModule again = WasmEngines.create("chicory", EngineConfig.reference(), Optional.of(cache))
                .compile(account.cid(), instrumented);
        assertThat(again.codeCid()).isEqualTo(account.cid());
        assertThat(files(classes)).isEqualTo(written);
    }

    @Test
    void wasmtimesCacheIsFilledOnceAndThenOnlyRead() throws IOException {
        ActorCode account = ActorCodeCorpus.find("v10", "mainnet", "account");
        byte[] instrumented = ActorBundleEngineTest.PROFILE.prepare(account.wasm());
        Path dir = cache.resolve("wasmtime");

        WasmEngines.create("wasmtime", EngineConfig.reference(), Optional.of(cache))
                .compile(account.cid(), instrumented);
        assertThat(dir.resolve("wasmtime-cache.toml")).isRegularFile();
        Map<Path, FileTime> written = compiledModules(dir);
        // the gas-counter helper module and the actor
        assertThat(written).hasSize(2);

        WasmEngines.create("wasmtime", EngineConfig.reference(), Optional.of(cache))
                .compile(account.cid(), instrumented);
        assertThat(compiledModules(dir)).isEqualTo(written);
    }

    // wasmtime's compiled modules (not its usage statistics, which every read updates)
    private static Map<Path, FileTime> compiledModules(Path dir) throws IOException {
        Map<Path, FileTime> modules = files(dir.resolve("cache"));
        modules.keySet().removeIf(p -> p.getFileName().toString().contains("."));
        return modules;
    }

    // every regular file below dir with its modification time; wasmtime's cache folder ignores access times
    private static Map<Path, FileTime> files(Path dir) throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
