package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fvmreplay.fvm.machine.BuiltinActors;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Builtin actor names ("account", "storageminer", "evm", ...) by code CID, read from the manifest a state's system actor
 * names, one load per manifest. Thread-safe.
 */
public final class ActorTypes {
    private final Blockstore store;
    private final Map<Cid, Map<Cid, String>> byManifest = new ConcurrentHashMap<>();

    public ActorTypes(Blockstore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The actor names of the bundle in force at {@code stateRoot}: code CID to name. */
    public Map<Cid, String> at(Cid stateRoot) {
        Cid manifest = Machine.manifestOf(MutableStateTree.load(store, stateRoot));
        return byManifest.computeIfAbsent(manifest, m -> {
            Map<Cid, String> names = new HashMap<>();
            BuiltinActors.load(store, m).codes().forEach((name, code) -> names.put(code, name));
            return Map.copyOf(names);
        });
    }
}
