package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.ValueType;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;

/**
 * The imports of an instrumented actor module in declaration order, resolved against host functions the way ref-fvm's
 * linker does: {@code gas.gas_counter} is the engine's gas global, every other import must be a host function with
 * exactly the declared signature. Anything else is a link error (fatal in the reference).
 */
public final class ModuleImports {
    public static final String GAS_MODULE = "gas";

    private final List<Import> imports;
    private final List<FuncType> types;

    private ModuleImports(List<Import> imports, List<FuncType> types) {
        this.imports = List.copyOf(imports);
        this.types = List.copyOf(types);
    }

    public static ModuleImports of(byte[] wasm) {
        WasmModule module = WasmModule.decode(requireNonNull(wasm, "wasm is null"));
        return new ModuleImports(module.imports(), module.types());
    }

    /** One import, bound either to the gas counter or to a host function. */
    public record Binding(String module, String name, HostFunction function) {
        public boolean isGasCounter() {
            return function == null;
        }
    }

    public List<Binding> resolve(HostFunctions hostFunctions, String codeDescription) {
        List<Binding> bindings = new ArrayList<>(imports.size());
        for (Import declared : imports) {
            String qualified = declared.module() + "." + declared.name();
            if (declared.kind() == ExternalKind.GLOBAL) {
                // fvm-wasm-instrument 0.2 (FVM v2) names the global gas_couner
                boolean gasName = declared.name().equals(GasMeteringInjector.GAS_COUNTER_NAME)
                        || declared.name().equals(GasMeteringInjector.GAS_COUNTER_NAME_V0_2);
                if (!declared.module().equals(GAS_MODULE)
                        || !gasName
                        || declared.global().valueType() != ValueType.I64
                        || !declared.global().mutable()) {
                    throw new EngineException(codeDescription + ": global import " + qualified
                            + " is not the mutable i64 gas.gas_counter the instrumentation adds");
                }
                bindings.add(new Binding(declared.module(), declared.name(), null));
                continue;
            }
            if (declared.kind() != ExternalKind.FUNCTION) {
                throw new EngineException(codeDescription + ": imports " + declared.kind() + " " + qualified
                        + "; actors may import only functions and the gas counter");
            }
            HostFunction function = hostFunctions
                    .find(declared.module(), declared.name())
                    .orElseThrow(() ->
                            new EngineException(codeDescription + ": imports " + qualified + ", which is not defined"));
            if (declared.typeIndex() < 0 || declared.typeIndex() >= types.size()) {
                throw new EngineException(
                        codeDescription + ": import " + qualified + " has missing type " + declared.typeIndex());
            }
            FuncType type = types.get(declared.typeIndex());
            if (!type.params().equals(function.signature().params())
                    || !type.results().equals(function.signature().results())) {
                throw new EngineException(codeDescription + ": import " + qualified + " is declared " + type.params()
                        + " -> " + type.results() + " but the host function is " + function.signature());
            }
            bindings.add(new Binding(declared.module(), declared.name(), function));
        }
        return bindings;
    }
}
