package org.fvmreplay.fvm.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.InstrumentationProfile;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.validation.WasmValidationException;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCacheTest {
    private static final InstrumentationProfile PROFILE =
            new InstrumentationProfile("constant-1", ConstantCostRules.defaults(), 2048);
    private static final byte[] WASM = Wat2Wasm.parse("""
            (module
              (memory (export "memory") 1)
              (func (export "invoke") (param i32) (result i32)
                local.get 0
                i32.const 1
                i32.add))
            """);
    private static final Cid CID = Cid.compute(Multicodec.RAW, 0x12, WASM);

    @Test
    void compilesOncePerKeyUnderConcurrency() throws Exception {
        ModuleCache cache = new ModuleCache(new ChicoryEngine(EngineConfig.reference()), PROFILE, Optional.empty());
        AtomicInteger loads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CompiledModule>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return cache.get(CID, cid -> {
                        loads.incrementAndGet();
                        return WASM;
                    });
                }));
            }
            start.countDown();
            CompiledModule first = futures.get(0).get();
            for (Future<CompiledModule> future : futures) {
                assertThat(future.get()).isSameAs(first);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.compilations()).isEqualTo(1);
    }

    @Test
    void invalidCodeFailsEveryTimeWithTheValidatorsError() {
        ModuleCache cache = new ModuleCache(new ChicoryEngine(EngineConfig.reference()), PROFILE, Optional.empty());
        byte[] simd = Wat2Wasm.parse("(module (func (result v128) v128.const i64x2 0 0))");
        Cid cid = Cid.compute(Multicodec.RAW, 0x12, simd);
        assertThatThrownBy(() -> cache.get(cid, ignored -> simd)).isInstanceOf(WasmValidationException.class);
        assertThatThrownBy(() -> cache.get(cid, ignored -> simd)).isInstanceOf(WasmValidationException.class);
        assertThatThrownBy(() -> cache.get(CID, ignored -> null))
                .hasMessageContaining("not found")
                .hasMessageContaining(CID.toString());
        assertThat(cache.compilations()).isZero();
    }

    @Test
    void persistedInstrumentedCodeSkipsInstrumentationAfterRestart(@TempDir Path directory) throws Exception {
        ModuleCache first = new ModuleCache(
                new ChicoryEngine(EngineConfig.reference()),
                PROFILE,
                Optional.of(new InstrumentedCodeStore(directory)));
        first.get(CID, cid -> WASM);
        assertThat(first.instrumentations()).isEqualTo(1);
        Path file = new InstrumentedCodeStore(directory).file(new ModuleKey(CID, PROFILE.id()));
        assertThat(file).exists();

        // a restarted process: instrumented bytes come from disk, the raw code is never asked for
        ModuleCache second = new ModuleCache(
                new ChicoryEngine(EngineConfig.reference()),
                PROFILE,
                Optional.of(new InstrumentedCodeStore(directory)));
        CompiledModule module = second.get(CID, cid -> {
            throw new AssertionError("raw code must not be loaded");
        });
        assertThat(second.instrumentations()).isZero();
        try (WasmInstance instance = second.engine().instantiate(module, HostFunctions.empty())) {
            instance.setGasCounter(100);
            assertThat(instance.invoke(41)).isEqualTo(42);
            assertThat(instance.gasCounter()).isLessThan(100);
        }

        // a corrupted file is ignored and rewritten, never trusted
        byte[] content = Files.readAllBytes(file);
        content[content.length - 1] ^= 1;
        Files.write(file, content);
        assertThat(new InstrumentedCodeStore(directory).get(new ModuleKey(CID, PROFILE.id())))
                .isEmpty();
        ModuleCache third = new ModuleCache(
                new ChicoryEngine(EngineConfig.reference()),
                PROFILE,
                Optional.of(new InstrumentedCodeStore(directory)));
        third.get(CID, cid -> WASM);
        assertThat(third.instrumentations()).isEqualTo(1);
        assertThat(new InstrumentedCodeStore(directory).get(new ModuleKey(CID, PROFILE.id())))
                .isPresent();
    }

    @Test
    void profilesAreCachedSeparately() {
        ChicoryEngine engine = new ChicoryEngine(EngineConfig.reference());
        ModuleCache cheap = new ModuleCache(engine, PROFILE, Optional.empty());
        ModuleCache dear = new ModuleCache(
                engine,
                new InstrumentationProfile("constant-10", new ConstantCostRules(10, 0), 2048),
                Optional.empty());
        long cheapGas = gasUsed(cheap);
        long dearGas = gasUsed(dear);
        assertThat(dearGas).isEqualTo(10 * cheapGas);
        assertThatThrownBy(() -> new InstrumentationProfile("bad/id", ConstantCostRules.defaults(), 2048))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long gasUsed(ModuleCache cache) {
        try (WasmInstance instance = cache.engine().instantiate(cache.get(CID, cid -> WASM), HostFunctions.empty())) {
            instance.setGasCounter(1000);
            instance.invoke(1);
            return 1000 - instance.gasCounter();
        }
    }
}
