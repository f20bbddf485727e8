package org.fvmreplay.snapshots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.cid.Cid;

/** Which snapshots the store holds: one JSON record per file, keyed by its path, in the meta database. */
public final class SnapshotCatalogue {
    private static final String PREFIX = "snapshot/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetaStore meta;

    SnapshotCatalogue(MetaStore meta) {
        this.meta = meta;
    }

    public Optional<SnapshotRecord> get(String path) {
        requireNonNull(path, "path");
        byte[] value = meta.get(key(path));
        return value == null ? Optional.empty() : Optional.of(decode(value));
    }

    /** Writes the record durably (synced). */
    public void put(SnapshotRecord record) {
        requireNonNull(record, "record");
        meta.put(key(record.path()), encode(record));
    }

    /** Every record, ordered by path. */
    public List<SnapshotRecord> list() {
        List<SnapshotRecord> records = new ArrayList<>();
        meta.scan(PREFIX.getBytes(UTF_8), "snapshot0".getBytes(UTF_8), (k, v) -> records.add(decode(v)));
        return records;
    }

    private static byte[] key(String path) {
        return (PREFIX + path).getBytes(UTF_8);
    }

    private static byte[] encode(SnapshotRecord r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", r.path());
        node.put("fileSize", r.fileSize());
        node.put("format", r.format());
        ArrayNode roots = node.putArray("roots");
        r.roots().forEach(c -> roots.add(c.toString()));
        node.put("status", r.status().name());
        node.put("blockCount", r.blockCount());
        node.put("blockBytes", r.blockBytes());
        node.put("checkpointOffset", r.checkpointOffset());
        return node.toString().getBytes(UTF_8);
    }

    private static SnapshotRecord decode(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            List<Cid> roots = new ArrayList<>();
            n.get("roots").forEach(c -> roots.add(Cid.parse(c.asText())));
            return new SnapshotRecord(
                    n.get("path").asText(),
                    n.get("fileSize").asLong(),
                    n.get("format").asText(),
                    roots,
                    SnapshotStatus.valueOf(n.get("status").asText()),
                    n.get("blockCount").asLong(),
                    n.get("blockBytes").asLong(),
                    n.get("checkpointOffset").asLong());
        } catch (IOException | RuntimeException e) {
            throw new SnapshotStoreException(
                    "corrupt catalogue record: " + new String(value, UTF_8) + " (" + e.getMessage() + ")", e);
        }
    }
}
