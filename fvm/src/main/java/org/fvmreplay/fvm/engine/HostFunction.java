package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

/** A host function the actor module may import as {@code module.name} with the given signature. */
public record HostFunction(String module, String name, HostSignature signature, HostImplementation implementation) {
    public HostFunction {
        requireNonNull(module, "module is null");
        requireNonNull(name, "name is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(implementation, "implementation is null");
    }

    public String qualifiedName() {
        return module + "." + name;
    }
}
