package org.fvmreplay.analytics.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON of {@code _run.json} and of chunk manifests, spelled out field by field so that the format is explicit. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static byte[] run(RunDescriptor run) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", run.format());
        json.put("created_at", run.createdAt().toString());
        ObjectNode identity = json.putObject("identity");
        run.identity().forEach(identity::put);
        ArrayNode tables = json.putArray("tables");
        run.tables().forEach(tables::add);
        json.put("schema_sha256", run.schemaSha256());
        return bytes(json);
    }

    static RunDescriptor run(Path file) throws IOException {
        JsonNode json = read(file);
        try {
            Map<String, String> identity = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : required(json, "identity").properties()) {
                identity.put(e.getKey(), e.getValue().asText());
            }
            List<String> tables = new ArrayList<>();
            required(json, "tables").forEach(t -> tables.add(t.asText()));
            return new RunDescriptor(
                    required(json, "format").asInt(),
                    new TreeMap<>(identity),
                    tables,
                    required(json, "schema_sha256").asText(),
                    Instant.parse(required(json, "created_at").asText()));
        } catch (RuntimeException e) {
            throw new IOException("unreadable run descriptor " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] manifest(ChunkManifest manifest) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", RunDescriptor.FORMAT);
        json.put("chunk", manifest.chunk().name());
        json.put("from_epoch", manifest.chunk().fromEpoch());
        json.put("to_epoch", manifest.chunk().toEpoch());
        json.put("started_at", manifest.startedAt().toString());
        json.put("committed_at", manifest.committedAt().toString());
        ObjectNode tables = json.putObject("tables");
        manifest.tables()
                .forEach((name, file) ->
                        tables.putObject(name).put("file", file.file()).put("rows", file.rows()));
        ArrayNode tipsets = json.putArray("tipsets");
        for (ChunkManifest.TipsetRoots tipset : manifest.tipsets()) {
            tipsets.addObject()
                    .put("epoch", tipset.epoch())
                    .put("status", tipset.status())
                    .put("computed_state_root", tipset.computedStateRoot())
                    .put("expected_state_root", tipset.expectedStateRoot());
        }
        manifest.repricing()
                .ifPresent(r -> json.putObject("repricing")
                        .put("messages", r.messages())
                        .put("repriced", r.repriced())
                        .put("flips_to_out_of_gas", r.flipsToOutOfGas())
                        .put("gas_used_before", r.gasUsedBefore())
                        .put("gas_used_after", r.gasUsedAfter())
                        .put("total_fee_before", r.totalFeeBefore().toString())
                        .put("total_fee_after", r.totalFeeAfter().toString()));
        return bytes(json);
    }

    static ChunkManifest manifest(Path file) throws IOException {
        JsonNode json = read(file);
        try {
            EpochChunk chunk = new EpochChunk(
                    required(json, "from_epoch").asLong(),
                    required(json, "to_epoch").asLong());
            Map<String, ChunkManifest.TableFile> tables = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : required(json, "tables").properties()) {
                tables.put(
                        e.getKey(),
                        new ChunkManifest.TableFile(
                                required(e.getValue(), "file").asText(),
                                required(e.getValue(), "rows").asLong()));
            }
            List<ChunkManifest.TipsetRoots> tipsets = new ArrayList<>();
            for (JsonNode t : required(json, "tipsets")) {
                JsonNode computed = t.get("computed_state_root");
                tipsets.add(new ChunkManifest.TipsetRoots(
                        required(t, "epoch").asLong(),
                        required(t, "status").asText(),
                        computed == null || computed.isNull() ? null : computed.asText(),
                        required(t, "expected_state_root").asText()));
            }
            return new ChunkManifest(
                    chunk,
                    Instant.parse(required(json, "started_at").asText()),
                    Instant.parse(required(json, "committed_at").asText()),
                    tables,
                    tipsets,
                    Optional.ofNullable(json.get("repricing")).map(Json::repricing));
        } catch (RuntimeException e) {
            throw new IOException("unreadable chunk manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static RepricingTotals repricing(JsonNode r) {
        return new RepricingTotals(
                required(r, "messages").asLong(),
                required(r, "repriced").asLong(),
                required(r, "flips_to_out_of_gas").asLong(),
                required(r, "gas_used_before").asLong(),
                required(r, "gas_used_after").asLong(),
                new BigInteger(required(r, "total_fee_before").asText()),
                new BigInteger(required(r, "total_fee_after").asText()));
    }

    private static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readAllBytes(file));
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static byte[] bytes(JsonNode json) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(json);
        byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        return withNewline;
    }
}
