package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.fvm.wasm.instrument.InstrumentVersion;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.fvm.wasm.instrument.gas.GasRules;
import org.fvmreplay.fvm.wasm.instrument.stack.StackLimiterInjector;
import org.fvmreplay.fvm.wasm.validation.FvmModuleValidator;

/**
 * How raw actor code becomes engine input, as ref-fvm's {@code Engine::load_raw} does it: validate the raw module, inject
 * the stack limiter, then gas metering importing {@code gas.gas_counter}. The {@code id} names the rules (e.g. a price
 * list) and keys compiled-module caches: two profiles with the same id must instrument identically. The instrument
 * version selects fvm-wasm-instrument 0.2 (FVM v2) or 0.4 (FVM v3).
 */
public record InstrumentationProfile(
        String id, GasRules gasRules, int maxWasmStack, InstrumentVersion instrumentVersion) {
    public InstrumentationProfile {
        requireNonNull(id, "id is null");
        requireNonNull(gasRules, "gasRules is null");
        requireNonNull(instrumentVersion, "instrumentVersion is null");
        if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "profile id must be non-empty letters, digits, '.', '_' or '-' (it names cache files): '" + id
                            + "'");
        }
        if (maxWasmStack <= 0) {
            throw new IllegalArgumentException("maxWasmStack must be positive: " + maxWasmStack);
        }
    }

    /** A profile with fvm-wasm-instrument 0.4 semantics (FVM v3). */
    public InstrumentationProfile(String id, GasRules gasRules, int maxWasmStack) {
        this(id, gasRules, maxWasmStack, InstrumentVersion.V0_4);
    }

    /** Validated and instrumented bytes; throws the validator's or instrumenter's exception for bad code. */
    public byte[] prepare(byte[] rawWasm) {
        requireNonNull(rawWasm, "rawWasm is null");
        FvmModuleValidator.validate(rawWasm);
        byte[] limited = StackLimiterInjector.inject(rawWasm, maxWasmStack, instrumentVersion);
        return GasMeteringInjector.inject(limited, gasRules, ModuleImports.GAS_MODULE, instrumentVersion);
    }
}
