package org.fvmreplay.chain.store;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.block.BlockHeader;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.SignedMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.block.TxMeta;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtEntry;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Headers, tipsets and block messages read from a blockstore (Lotus {@code ChainStore}). The most recently used
 * headers and tipsets are cached (bounded, so a replay of mainnet does not keep its history in memory); a missing or
 * malformed block is a {@link ChainException} naming it. Thread-safe.
 */
public final class ChainStore {
    private final Blockstore store;
    /** Enough for randomness and tipset-CID lookbacks (finality is 900 epochs) around the tipsets being executed. */
    private static final int CACHE_SIZE = 8192;

    private final Map<Cid, BlockHeader> headers = lru(CACHE_SIZE);
    private final Map<TipsetKey, Tipset> tipsets = lru(CACHE_SIZE);
    private volatile Tipset genesis;

    public ChainStore(Blockstore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public Blockstore blockstore() {
        return store;
    }

    /** The header with this CID, verified against it. */
    public BlockHeader header(Cid cid) {
        requireNonNull(cid, "cid is null");
        BlockHeader cached = headers.get(cid);
        if (cached != null) {
            return cached;
        }
        BlockHeader header = BlockHeader.decode(cid, get(cid, "block header"));
        headers.put(cid, header);
        return header;
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The tipset of these blocks; they must form one (same height, parents and parent state). */
    public Tipset tipset(TipsetKey key) {
        requireNonNull(key, "key is null");
        Tipset cached = tipsets.get(key);
        if (cached != null) {
            return cached;
        }
        List<Tipset.Block> blocks = new ArrayList<>();
        for (Cid c : key.cids()) {
            blocks.add(new Tipset.Block(c, header(c)));
        }
        Tipset tipset;
        try {
            tipset = Tipset.of(blocks);
        } catch (IllegalArgumentException e) {
            throw new ChainException("blocks " + key + " do not form a tipset: " + e.getMessage(), e);
        }
        tipsets.put(key, tipset);
        return tipset;
    }

    /** The parent tipset of {@code tipset}; a {@link ChainException} for the genesis tipset. */
    public Tipset parent(Tipset tipset) {
        if (tipset.height() == 0) {
            throw new ChainException("the genesis tipset has no parent tipset");
        }
        return tipset(tipset.parents());
    }

    /**
     * Lotus {@code ChainStore.GetTipsetByHeight}: the tipset at {@code height} on the chain ending at {@code anchor}. If
     * that height was a null round, the next tipset above it ({@code prev=false}) or the last one below it
     * ({@code prev=true}). A negative height or one above the anchor is a {@link ChainException}.
     */
    public Tipset tipsetByHeight(long height, Tipset anchor, boolean prev) {
        requireNonNull(anchor, "anchor is null");
        if (height < 0) {
            throw new ChainException("height " + height + " is negative");
        }
        if (height > anchor.height()) {
            throw new ChainException(
                    "looking for tipset at height " + height + " above the anchor at " + anchor.height());
        }
        Tipset ts = anchor;
        while (true) {
            if (ts.height() == height) {
                return ts;
            }
            Tipset parent = parent(ts);
            if (parent.height() < height) {
                return prev ? parent : ts;
            }
            ts = parent;
        }
    }

    /** The genesis tipset of the chain ending at {@code anchor}: walked once, then cached (one chain per store). */
    public Tipset genesis(Tipset anchor) {
        Tipset g = genesis;
        if (g == null) {
            g = tipsetByHeight(0, anchor, false);
            genesis = g;
        }
        return g;
    }

    /** The block's message list. */
    public TxMeta txMeta(BlockHeader header) {
        byte[] bytes = get(header.messages(), "message meta");
        try {
            return TxMeta.decode(bytes);
        } catch (CborException e) {
            throw new ChainException("message meta " + header.messages() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** A block's BLS messages then its secpk messages, in AMT index order (Lotus {@code MessagesForBlock}). */
    public List<ChainMessage> blockMessages(BlockHeader header) {
        TxMeta meta = txMeta(header);
        List<ChainMessage> out = new ArrayList<>();
        for (Cid c : messageCids(meta.blsMessages())) {
            try {
                out.add(listed(c, ChainMessage.bls(Message.decode(get(c, "BLS message")))));
            } catch (CborException e) {
                throw new ChainException("BLS message " + c + " is malformed: " + e.getMessage(), e);
            }
        }
        for (Cid c : messageCids(meta.secpkMessages())) {
            try {
                out.add(listed(c, ChainMessage.signed(SignedMessage.decode(get(c, "signed message")))));
            } catch (CborException | IllegalArgumentException e) {
                throw new ChainException("signed message " + c + " is malformed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The message as decoded must re-encode to the CID the block lists it by (strict decoding makes this hold). */
    private static ChainMessage listed(Cid listed, ChainMessage message) {
        if (!message.cid().equals(listed)) {
            throw new ChainException("message " + listed + " re-encodes to " + message.cid());
        }
        return message;
    }

    /** The number of BLS messages of a block (the first entries of {@link #blockMessages}). */
    public int blsMessageCount(BlockHeader header) {
        return (int) Amt.load(txMeta(header).blsMessages(), store, AmtFormat.V0).count();
    }

    private List<Cid> messageCids(Cid amtRoot) {
        List<Cid> cids = new ArrayList<>();
        for (AmtEntry e : Amt.load(amtRoot, store, AmtFormat.V0)) {
            CborReader r = CborReader.strict(e.value());
            cids.add(r.readCid());
            r.expectEnd();
        }
        return cids;
    }

    private byte[] get(Cid cid, String what) {
        byte[] bytes = store.get(cid);
        if (bytes == null) {
            throw new ChainException(what + " " + cid + " is not in the store");
        }
        return bytes;
    }
}
