package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.machine.BuiltinActors;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateRoot;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Hamt;
import org.fvmreplay.ipld.hamt.HamtEntry;

/**
 * A code-only state migration, as go-state-types' {@code MigrateStateTree} for actors v17, v18 and v19 (network
 * versions 27, 28, 29; lotus {@code UpgradeActorsV17} …): every actor keeps its state, nonce, balance and delegated
 * address and gets the code of the same name in the new manifest; the system actor's state names the new manifest's
 * data. The state tree version and info are kept.
 */
public final class CodeMigration implements StateMigration {
    private static final long SYSTEM_ACTOR_ID = 0;

    private final Cid newManifest;
    private final java.util.Optional<ActorBundles> bundles;

    /**
     * {@code newManifest} is the new bundle's manifest root ({@code [1, data]}); its blocks come from the store or, when
     * absent there, from {@code bundles}.
     */
    public CodeMigration(Cid newManifest, java.util.Optional<ActorBundles> bundles) {
        this.newManifest = requireNonNull(newManifest, "newManifest is null");
        this.bundles = requireNonNull(bundles, "bundles is null");
    }

    @Override
    public Cid migrate(Blockstore store, Cid stateRoot, long upgradeHeight) {
        if (!store.has(newManifest) && bundles.isPresent() && !bundles.get().loadInto(store, newManifest)) {
            throw new TipsetExecutionException("migration at height " + upgradeHeight + ": no actor bundle in "
                    + bundles.get().directory() + " has manifest " + newManifest);
        }
        Cid newData = BuiltinActors.dataOf(store.getOrThrow(newManifest), newManifest);
        Map<String, Cid> newCodes = manifestData(store, newData);
        StateRoot root = StateRoot.load(store, stateRoot);
        Hamt actors = Hamt.load(root.actors(), store);
        byte[] systemKey =
                org.fvmreplay.ipld.address.Address.id(SYSTEM_ACTOR_ID).toBytes();
        ActorState system = ActorState.decode(requireNonNullState(actors.get(systemKey), "system actor (f00)"));
        CborReader systemState = CborReader.strict(store.getOrThrow(system.head()));
        systemState.readArrayHeader();
        Map<Cid, String> oldNames = new HashMap<>();
        manifestData(store, systemState.readCid()).forEach((name, code) -> oldNames.put(code, name));

        List<HamtEntry> entries = new ArrayList<>();
        actors.forEach((key, value) -> entries.add(new HamtEntry(key, value)));
        for (HamtEntry entry : entries) {
            ActorState actor = ActorState.decode(entry.value());
            String name = oldNames.get(actor.code());
            if (name == null) {
                throw new TipsetExecutionException("migration to manifest " + newManifest + ": actor code "
                        + actor.code() + " is not in the old manifest");
            }
            Cid code = newCodes.get(name);
            if (code == null) {
                throw new TipsetExecutionException("migration to manifest " + newManifest + ": code cid for " + name
                        + " actor not found in new manifest");
            }
            Cid head = actor.head();
            if (java.util.Arrays.equals(entry.key(), systemKey)) {
                head = store.putDagCbor(
                        new CborWriter(48).writeArrayHeader(1).writeCid(newData).toByteArray());
            }
            ActorState migrated =
                    new ActorState(code, head, actor.sequence(), actor.balance(), actor.delegatedAddress());
            actors.set(entry.key(), migrated.encode(root.version()));
        }
        Cid newActors = actors.flush();
        return store.putDagCbor(new CborWriter(96)
                .writeArrayHeader(3)
                .writeLong(root.version())
                .writeCid(newActors)
                .writeCid(root.info())
                .toByteArray());
    }

    private static byte[] requireNonNullState(byte[] value, String what) {
        if (value == null) {
            throw new TipsetExecutionException("state has no " + what);
        }
        return value;
    }

    /** A manifest's data block: a list of {@code [name, code CID]}. */
    private static Map<String, Cid> manifestData(Blockstore store, Cid data) {
        CborReader r = CborReader.strict(store.getOrThrow(data));
        int n = r.readArrayHeader();
        Map<String, Cid> byName = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            r.readArrayHeader(2);
            byName.put(r.readText(), r.readCid());
        }
        return byName;
    }
}
