package org.fvmreplay.fvm.machine;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The builtin actors manifest: actor names to code CIDs, numbered from 1 in manifest order (0 means "not a builtin
 * actor"), as the reference's {@code Manifest} numbers them.
 */
public final class BuiltinActors {
    private final Cid manifest;
    private final Map<String, Cid> byName;
    private final Map<Cid, Integer> typeByCode;
    private final Map<Integer, Cid> codeByType;

    private BuiltinActors(Cid manifest, Map<String, Cid> byName) {
        this.manifest = manifest;
        this.byName = byName;
        this.typeByCode = new HashMap<>();
        this.codeByType = new HashMap<>();
        int type = 1;
        for (Cid code : byName.values()) {
            typeByCode.put(code, type);
            codeByType.put(type, code);
            type++;
        }
        for (String required : new String[] {"system", "init", "account", "placeholder", "eam", "ethaccount"}) {
            if (!byName.containsKey(required)
                    && !(required.equals("placeholder") || required.equals("eam") || required.equals("ethaccount"))) {
                throw new IllegalArgumentException("manifest " + manifest + " has no " + required + " actor");
            }
        }
    }

    /** The data CID of a manifest root block ([version 1, data CID]), as the system actor's state names it. */
    public static Cid dataOf(byte[] manifestRoot, Cid root) {
        CborReader r = CborReader.strict(manifestRoot);
        r.readArrayHeader(2);
        long version = r.readUnsigned();
        if (version != 1) {
            throw new IllegalArgumentException("unsupported manifest version " + version + " in " + root);
        }
        return r.readCid();
    }

    /** Loads the manifest data {@code data} (a list of [name, code], what the system actor's state names) from {@code store}. */
    public static BuiltinActors load(Blockstore store, Cid data) {
        requireNonNull(store, "store");
        requireNonNull(data, "data");
        Cid root = data;
        CborReader list = CborReader.strict(store.getOrThrow(data));
        int n = list.readArrayHeader();
        Map<String, Cid> byName = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            list.readArrayHeader(2);
            byName.put(list.readText(), list.readCid());
        }
        return new BuiltinActors(root, byName);
    }

    public Cid manifest() {
        return manifest;
    }

    public Optional<Cid> code(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Cid> codes() {
        return byName;
    }

    /** The builtin type number of {@code code}, 0 when it is not a builtin actor. */
    public int typeOf(Cid code) {
        return typeByCode.getOrDefault(code, 0);
    }

    public Optional<Cid> codeOfType(int type) {
        return Optional.ofNullable(codeByType.get(type));
    }

    public boolean is(Cid code, String name) {
        return code.equals(byName.get(name));
    }

    public Cid accountCode() {
        return byName.get("account");
    }

    public Cid placeholderCode() {
        return requireNonNull(byName.get("placeholder"), "manifest has no placeholder actor");
    }

    public Cid ethAccountCode() {
        return requireNonNull(byName.get("ethaccount"), "manifest has no ethaccount actor");
    }
}
