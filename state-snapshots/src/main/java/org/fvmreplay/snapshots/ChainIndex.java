package org.fvmreplay.snapshots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Epoch to tipset, built from the block headers in the store: start at a tipset key (a chain
 * snapshot's CAR roots, its heaviest tipset) and follow parents while their headers are present.
 * Stored in the meta database under {@code tipset/<epoch, 8 bytes big-endian>}, so ranges are
 * key-ordered scans. When two imported snapshots disagree about an epoch (a fork), the last import wins.
 */
public final class ChainIndex {
    /**
     * How far after a tipset its child is looked for: a finality. Null-round runs are far shorter, and a store of mainnet
     * holds millions of later epochs, which a search to the end of the index would read.
     */
    public static final long CHILD_SEARCH_EPOCHS = 900;

    private static final String PREFIX = "tipset/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetaStore meta;

    ChainIndex(MetaStore meta) {
        this.meta = meta;
    }

    /**
     * Walks the chain from {@code heaviest} through {@code blocks}, newest first. Empty when the
     * key's blocks are not all block headers (the snapshot is not a chain snapshot).
     */
    public static List<TipsetEntry> walk(Blockstore blocks, List<Cid> heaviest) {
        requireNonNull(blocks, "blocks");
        requireNonNull(heaviest, "heaviest");
        List<TipsetEntry> chain = new ArrayList<>();
        List<Cid> key = heaviest;
        while (!key.isEmpty()) {
            Optional<TipsetEntry> tipset = load(blocks, key);
            if (tipset.isEmpty()) {
                break;
            }
            TipsetEntry t = tipset.get();
            if (!chain.isEmpty() && t.epoch() >= chain.get(chain.size() - 1).epoch()) {
                throw new SnapshotStoreException(
                        "chain goes backwards: tipset " + t.key() + " at epoch " + t.epoch() + " is a parent of epoch "
                                + chain.get(chain.size() - 1).epoch(),
                        null);
            }
            chain.add(t);
            key = t.parents();
        }
        return chain;
    }

    private static Optional<TipsetEntry> load(Blockstore blocks, List<Cid> key) {
        List<BlockHeader> headers = new ArrayList<>();
        for (Cid cid : key) {
            byte[] data = blocks.get(cid);
            Optional<BlockHeader> header = data == null ? Optional.empty() : BlockHeader.tryParse(cid, data);
            if (header.isEmpty()) {
                return Optional.empty();
            }
            headers.add(header.get());
        }
        BlockHeader first = headers.get(0);
        for (BlockHeader h : headers) {
            if (h.height() != first.height()
                    || !h.parents().equals(first.parents())
                    || !h.parentStateRoot().equals(first.parentStateRoot())) {
                throw new SnapshotStoreException(
                        "blocks " + first.cid() + " and " + h.cid()
                                + " do not form a tipset (different height, parents or parent state)",
                        null);
            }
        }
        return Optional.of(new TipsetEntry(
                first.height(),
                key,
                first.parents(),
                first.parentWeight(),
                first.parentStateRoot(),
                first.parentMessageReceipts(),
                first.parentBaseFee(),
                headers.stream().map(BlockHeader::messages).toList(),
                first.timestamp()));
    }

    /** Records the tipsets (synced). */
    public void putAll(List<TipsetEntry> tipsets) {
        for (TipsetEntry t : tipsets) {
            meta.put(key(t.epoch()), encode(t));
        }
    }

    public Optional<TipsetEntry> at(long epoch) {
        byte[] value = meta.get(key(epoch));
        return value == null ? Optional.empty() : Optional.of(decode(value));
    }

    /** Indexed tipsets with {@code from <= epoch <= to}, oldest first. Null rounds have no entry. */
    public List<TipsetEntry> range(long from, long to) {
        List<TipsetEntry> out = new ArrayList<>();
        if (from > to || to < 0) {
            return out;
        }
        byte[] end =
                to == Long.MAX_VALUE ? (PREFIX.substring(0, PREFIX.length() - 1) + "0").getBytes(UTF_8) : key(to + 1);
        meta.scan(key(Math.max(0, from)), end, (k, v) -> out.add(decode(v)));
        return out;
    }

    public List<TipsetEntry> all() {
        return range(0, Long.MAX_VALUE);
    }

    /** The oldest indexed tipset, if any, read without scanning the index. */
    public Optional<TipsetEntry> first() {
        return Optional.ofNullable(meta.firstValue(key(0), key(Long.MAX_VALUE))).map(ChainIndex::decode);
    }

    /** The newest indexed tipset, if any, read without scanning the index. */
    public Optional<TipsetEntry> last() {
        return before(Long.MAX_VALUE);
    }

    /** The newest indexed tipset with an epoch below {@code epoch}, if any. */
    public Optional<TipsetEntry> before(long epoch) {
        if (epoch <= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(meta.lastValue(key(0), key(epoch - 1))).map(ChainIndex::decode);
    }

    /**
     * The tipset after {@code epoch}: the first indexed one within {@link #CHILD_SEARCH_EPOCHS}, whose header records
     * {@code epoch}'s results (its parent state root and receipts) when no null round was lost from the index.
     */
    public Optional<TipsetEntry> nextAfter(long epoch) {
        return Optional.ofNullable(meta.firstValue(key(epoch + 1), key(epoch + 1 + CHILD_SEARCH_EPOCHS)))
                .map(ChainIndex::decode);
    }

    private static byte[] key(long epoch) {
        byte[] prefix = PREFIX.getBytes(UTF_8);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(epoch).array();
    }

    private static byte[] encode(TipsetEntry t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("epoch", t.epoch());
        cids(n.putArray("key"), t.key());
        cids(n.putArray("parents"), t.parents());
        n.put("parentWeight", t.parentWeight().toString());
        n.put("parentStateRoot", t.parentStateRoot().toString());
        n.put("parentMessageReceipts", t.parentMessageReceipts().toString());
        n.put("parentBaseFee", t.parentBaseFee().toString());
        cids(n.putArray("messages"), t.messages());
        n.put("timestamp", t.timestamp());
        return n.toString().getBytes(UTF_8);
    }

    private static void cids(ArrayNode array, List<Cid> cids) {
        cids.forEach(c -> array.add(c.toString()));
    }

    private static List<Cid> cids(JsonNode array) {
        List<Cid> out = new ArrayList<>();
        array.forEach(c -> out.add(Cid.parse(c.asText())));
        return out;
    }

    private static TipsetEntry decode(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            return new TipsetEntry(
                    n.get("epoch").asLong(),
                    cids(n.get("key")),
                    cids(n.get("parents")),
                    new BigInteger(n.get("parentWeight").asText()),
                    Cid.parse(n.get("parentStateRoot").asText()),
                    Cid.parse(n.get("parentMessageReceipts").asText()),
                    new BigInteger(n.get("parentBaseFee").asText()),
                    cids(n.get("messages")),
                    n.get("timestamp").asLong());
        } catch (IOException | RuntimeException e) {
            throw new SnapshotStoreException("corrupt chain index entry: " + new String(value, UTF_8), e);
        }
    }
}
