package org.fvmreplay.fvm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.WasmModule;

/** Host functions for every function a module imports, each aborting with {@link #STUB_EXIT_CODE} when called. */
public final class StubHostFunctions {
    public static final int STUB_EXIT_CODE = 0x7777;

    private StubHostFunctions() {}

    public static HostFunctions forModule(byte[] wasm, Consumer<String> calls) {
        WasmModule module = WasmModule.decode(wasm);
        List<HostFunction> functions = new ArrayList<>();
        for (Import declared : module.imports()) {
            if (declared.kind() != ExternalKind.FUNCTION) {
                continue;
            }
            FuncType type = module.types().get(declared.typeIndex());
            String name = declared.module() + "." + declared.name();
            functions.add(new HostFunction(
                    declared.module(),
                    declared.name(),
                    HostSignature.of(type.params(), type.results()),
                    (caller, arguments) -> {
                        calls.accept(name);
                        throw new HostAbort(STUB_EXIT_CODE, "stub syscall " + name + " called");
                    }));
        }
        return HostFunctions.of(functions);
    }
}
