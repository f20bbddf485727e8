package org.fvmreplay.chain.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fvmreplay.chain.SharedChain;
import org.junit.jupiter.api.Test;

/**
 * Every receipt of the shared chains names its receiver's actor type and, where Lotus had one, the method's name: the
 * table must give the same name, and none where Lotus gave none.
 */
class MethodNamesSharedChainsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesWhatLotusNamed() throws IOException {
        // (chain, actor, method, actors version) → Lotus's name, or "" for none
        Map<String, String> pairs = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        int receipts = 0;
        for (String chain : List.of("devnet-a", "devnet-c")) {
            Map<Long, Integer> networkVersions = new HashMap<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new ZstdInputStream(
                            Files.newInputStream(SharedChain.dir(chain).resolve("tipsets.jsonl.zst"))),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode tipset = JSON.readTree(line);
                    networkVersions.put(
                            tipset.get("epoch").asLong(),
                            tipset.get("network_version").asInt());
                    if (tipset.path("parent_messages").isEmpty()) {
                        continue;
                    }
                    // the parent's messages ran under the parent's network version
                    int actorsVersion = ActorsVersions.forNetworkVersion(networkVersions.get(
                                    tipset.get("parent_epoch").asLong()))
                            .orElseThrow();
                    for (JsonNode m : tipset.get("parent_messages")) {
                        receipts++;
                        String actor = m.get("to_actor").asText();
                        long method = m.get("method").asLong();
                        String expected = m.hasNonNull("method_name")
                                ? m.get("method_name").asText()
                                : "";
                        // Lotus writes (none) for a receiver that does not exist
                        String type = actor.equals("(none)") ? null : actor;
                        String got =
                                MethodNames.name(type, method, actorsVersion).orElse("");
                        pairs.put(actor + " " + method + " v" + actorsVersion, expected);
                        if (!got.equals(expected)) {
                            mismatches.add(chain + " epoch " + tipset.get("parent_epoch") + " " + actor + " " + method
                                    + ": Lotus '" + expected + "', table '" + got + "'");
                        }
                    }
                }
            }
        }
        long named = pairs.values().stream().filter(n -> !n.isEmpty()).count();
        Map<String, String> distinct = new TreeMap<>();
        pairs.forEach((k, v) -> distinct.put(k.substring(0, k.lastIndexOf(' ')), v));
        long namedDistinct =
                distinct.values().stream().filter(n -> !n.isEmpty()).count();
        System.out.printf(
                "method names: %d receipts; %d distinct (actor, method) pairs, %d of them named by Lotus; %d (actor, method, actors version) "
                        + "triples, %d named; mismatches: %d%n",
                receipts, distinct.size(), namedDistinct, pairs.size(), named, mismatches.size());
        assertThat(receipts).isGreaterThan(1000);
        assertThat(namedDistinct).isGreaterThanOrEqualTo(20);
        assertThat(mismatches).isEmpty();
        assertThat(Optional.of(distinct.get("storageminer 34"))).contains("ProveCommitSectors3");
    }
}
