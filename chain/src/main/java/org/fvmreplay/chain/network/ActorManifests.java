package org.fvmreplay.chain.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The actor bundle manifest (root CID) a network uses for each actors version: what a migration switches the state to.
 * Read from the optional {@code actor_manifests} list of a network file ({@code actors_version}, {@code manifest_cid},
 * as a shared chain's {@code manifest.json} has it); mainnet's are built in (lotus {@code build/builtin_actors_gen.go}).
 */
public final class ActorManifests {
    private ActorManifests() {}

    /** Mainnet's manifests for actors v17 to v19 (v19 is the v18.0.0 bundle, lotus marks it so). */
    public static Map<Integer, Cid> mainnet() {
        return Map.of(
                17, Cid.parse("bafy2bzaceai74ppsvuxs3nvpzzeuptdr3wl7vmdpbphvtz4qt5hfq2qdfvz3e"),
                18, Cid.parse("bafy2bzacedxsqapxwj5znwy4leem5gsuenhhfyqcntews3yis5iek67thy6lc"),
                19, Cid.parse("bafy2bzacedxsqapxwj5znwy4leem5gsuenhhfyqcntews3yis5iek67thy6lc"));
    }

    /** The {@code actor_manifests} of a network file; empty when it has none. */
    public static Map<Integer, Cid> read(Path networkFile) {
        try {
            return fromJson(new ObjectMapper().readTree(networkFile.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read network file " + networkFile + ": " + e.getMessage(), e);
        }
    }

    /** The {@code actor_manifests} of a network document; two different manifests for one actors version are an error. */
    public static Map<Integer, Cid> fromJson(JsonNode root) {
        Map<Integer, Cid> out = new HashMap<>();
        for (JsonNode entry : root.path("actor_manifests")) {
            int version = entry.path("actors_version").asInt(-1);
            String cid = entry.path("manifest_cid").asText("");
            if (version < 0 || cid.isEmpty()) {
                throw new IllegalArgumentException(
                        "actor_manifests entry needs actors_version and manifest_cid: " + entry);
            }
            Cid manifest = Cid.parse(cid);
            Cid previous = out.putIfAbsent(version, manifest);
            if (previous != null && !previous.equals(manifest)) {
                throw new IllegalArgumentException("actor_manifests names two manifests for actors version " + version
                        + ": " + previous + " and " + manifest);
            }
        }
        return Map.copyOf(out);
    }
}
