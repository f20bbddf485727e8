package org.fvmreplay.fvm.engine;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable set of host functions keyed by (module, name): what instantiation links imports against. */
public final class HostFunctions {
    private final Map<String, HostFunction> byQualifiedName;

    private HostFunctions(Map<String, HostFunction> byQualifiedName) {
        this.byQualifiedName = byQualifiedName;
    }

    public static HostFunctions of(Collection<HostFunction> functions) {
        Map<String, HostFunction> map = new LinkedHashMap<>();
        for (HostFunction function : requireNonNull(functions, "functions is null")) {
            if (map.put(function.qualifiedName(), function) != null) {
                throw new IllegalArgumentException("host function " + function.qualifiedName() + " defined twice");
            }
        }
        return new HostFunctions(map);
    }

    public static HostFunctions empty() {
        return new HostFunctions(Map.of());
    }

    public Optional<HostFunction> find(String module, String name) {
        return Optional.ofNullable(byQualifiedName.get(module + "." + name));
    }

    public Collection<HostFunction> all() {
        return byQualifiedName.values();
    }
}
