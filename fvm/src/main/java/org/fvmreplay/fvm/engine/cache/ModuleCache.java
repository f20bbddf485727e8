package org.fvmreplay.fvm.engine.cache;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.InstrumentationProfile;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Compiles each (code CID, instrumentation profile) once per process and engine, like ref-fvm's {@code module_cache}.
 * Concurrent callers of the same key wait for the one compilation; a failed compilation is not cached, so it is
 * reported to every caller that asks. Instrumented bytes may be persisted in an {@link InstrumentedCodeStore}.
 */
public final class ModuleCache {
    private final WasmEngine engine;
    private final InstrumentationProfile profile;
    private final Optional<InstrumentedCodeStore> codeStore;
    private final ConcurrentMap<ModuleKey, CompletableFuture<CompiledModule>> modules = new ConcurrentHashMap<>();
    private final AtomicLong instrumentations = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();

    public ModuleCache(WasmEngine engine, InstrumentationProfile profile, Optional<InstrumentedCodeStore> codeStore) {
        this.engine = requireNonNull(engine, "engine is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.codeStore = requireNonNull(codeStore, "codeStore is null");
    }

    /**
     * The compiled module for {@code codeCid}; {@code rawCode} loads the raw WASM (e.g. from the blockstore) only when
     * neither memory nor the code store has it.
     */
    public CompiledModule get(Cid codeCid, Function<Cid, byte[]> rawCode) {
        requireNonNull(codeCid, "codeCid is null");
        requireNonNull(rawCode, "rawCode is null");
        ModuleKey key = new ModuleKey(codeCid, profile.id());
        CompletableFuture<CompiledModule> future = modules.get(key);
        if (future == null) {
            CompletableFuture<CompiledModule> created = new CompletableFuture<>();
            future = modules.putIfAbsent(key, created);
            if (future == null) {
                future = created;
                try {
                    created.complete(compile(key, rawCode));
                } catch (RuntimeException | Error e) {
                    modules.remove(key, created);
                    created.completeExceptionally(e);
                }
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private CompiledModule compile(ModuleKey key, Function<Cid, byte[]> rawCode) {
        byte[] instrumented = codeStore.flatMap(store -> store.get(key)).orElse(null);
        if (instrumented == null) {
            byte[] raw = rawCode.apply(key.codeCid());
            if (raw == null) {
                throw new IllegalArgumentException("actor code " + key.codeCid() + " not found");
            }
            instrumented = profile.prepare(raw);
            instrumentations.incrementAndGet();
            byte[] finalBytes = instrumented;
            codeStore.ifPresent(store -> store.put(key, finalBytes));
        }
        compilations.incrementAndGet();
        return engine.compile(key.codeCid(), instrumented);
    }

    public WasmEngine engine() {
        return engine;
    }

    /** How many modules were instrumented by this cache (not found in the code store). */
    public long instrumentations() {
        return instrumentations.get();
    }

    /** How many modules this cache compiled. */
    public long compilations() {
        return compilations.get();
    }
}
