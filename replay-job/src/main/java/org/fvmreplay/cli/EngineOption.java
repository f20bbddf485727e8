package org.fvmreplay.cli;

import org.fvmreplay.fvm.engine.WasmEngines;
import picocli.CommandLine.Option;

/** {@code --engine chicory|wasmtime}: the WebAssembly engine that runs the actors. */
public final class EngineOption {
    /** The engines by name. */
    enum Engine {
        chicory,
        wasmtime
    }

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description =
                    "wasm engine: ${COMPLETION-CANDIDATES} (default: wasmtime, or chicory where wasmtime's native "
                            + "library does not load); both give the same results, wasmtime in a fraction of the time")
    private Engine engine;

    /** The engine named on the command line, else {@link WasmEngines#defaultName()}. */
    public String name() {
        return engine != null ? engine.name() : WasmEngines.defaultName();
    }
}
