package org.fvmreplay.fvm.engine;

import com.dylibso.chicory.wabt.Wat2Wasm;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.fvm.wasm.instrument.gas.GasRules;
import org.fvmreplay.fvm.wasm.instrument.stack.StackLimiterInjector;

/** Test helpers: WAT to instrumented bytes, in the reference order (stack limiter, then gas metering into module "gas"). */
final class ModulePreparation {
    private ModulePreparation() {}

    static byte[] gasOnly(String wat, GasRules rules) {
        return GasMeteringInjector.inject(Wat2Wasm.parse(wat), rules, "gas");
    }

    static byte[] stackAndGas(String wat, int stackLimit, GasRules rules) {
        return GasMeteringInjector.inject(StackLimiterInjector.inject(Wat2Wasm.parse(wat), stackLimit), rules, "gas");
    }
}
