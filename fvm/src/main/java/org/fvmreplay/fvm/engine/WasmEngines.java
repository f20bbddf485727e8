package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.chicory.DirectoryClassCache;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebAssembly engines by name, each optionally with its compiled code cached on disk so that a later process pays
 * no compilation for modules an earlier one compiled: Chicory's generated JVM classes ({@link DirectoryClassCache},
 * in a folder per Chicory version, since Chicory keys entries by the module alone) and wasmtime's own compilation
 * cache. The cache only saves time; what runs is the same.
 */
public final class WasmEngines {
    /** The engine names the command lines accept. */
    public static final List<String> NAMES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    private static final Logger LOG = LoggerFactory.getLogger(WasmEngines.class);
    private static volatile String defaultName;

    private WasmEngines() {}

    /**
     * The engine used when none is named: wasmtime, the faster of the two and as exact (over the nv18 vectors, one
     * core, it spends 1.09x the reference's CPU time per message at steady state where Chicory spends 6.45x; see
     * bench/README.md), or Chicory, pure Java, where wasmtime's native library does not load on this platform (the
     * binding ships it for Linux and macOS on x86-64 and aarch64, and Windows on x86-64).
     */
    public static String defaultName() {
        String name = defaultName;
        if (name == null) {
            name = WasmtimeEngine.isAvailable() ? WasmtimeEngine.NAME : ChicoryEngine.NAME;
            if (name.equals(ChicoryEngine.NAME)) {
                LOG.warn(
                        "wasmtime's native library does not load on {} {}: running actors on Chicory (pure Java, slower)",
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"));
            }
            defaultName = name;
        }
        return name;
    }

    /**
     * The engine called {@code name} ({@code chicory} or {@code wasmtime}), with its code cached under {@code codeCache}
     * when given (created if absent).
     *
     * @throws IllegalArgumentException for another name
     * @throws EngineException when the cache folder cannot be created
     */
    public static WasmEngine create(String name, EngineConfig config, Optional<Path> codeCache) {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        requireNonNull(codeCache, "codeCache is null");
        if (name.equals(ChicoryEngine.NAME)) {
            if (codeCache.isEmpty()) {
                return new ChicoryEngine(config);
            }
            Path classes = codeCache.get().resolve("chicory-" + chicoryVersion());
            try {
                return new ChicoryEngine(
                        config, ChicoryEngine.Mode.COMPILER, Optional.of(new DirectoryClassCache(classes)));
            } catch (IOException e) {
                throw new EngineException("cannot set up Chicory's code cache in " + classes + ": " + e, e);
            }
        }
        if (name.equals(WasmtimeEngine.NAME)) {
            return new WasmtimeEngine(config, codeCache.map(dir -> dir.resolve("wasmtime")));
        }
        throw new IllegalArgumentException("unknown engine '" + name + "': expected one of " + NAMES);
    }

    /** The version of Chicory's compiler on the class path, from its Maven metadata. */
    static String chicoryVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in == null) {
                throw new EngineException("Chicory's compiler jar has no Maven metadata: cannot key its code cache");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new EngineException("Chicory's compiler jar names no version: cannot key its code cache");
            }
            return version;
        } catch (IOException e) {
            throw new EngineException("cannot read Chicory's version: " + e, e);
        }
    }
}
