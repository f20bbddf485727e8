package org.fvmreplay.chain.externs;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.block.BeaconEntry;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Randomness and tipset CIDs drawn from the chain, anchored at the tipset being executed (Lotus
 * {@code rand.NewStateRand(cs, ts.Cids(), ...)} and {@code TipSetGetterForTipset(cs, ts)}; chain/rand/rand.go). The
 * same instance serves the null-round cron VMs of that tipset. Digests are 32 bytes, before personalisation.
 */
public final class TipsetExterns implements ChainExterns {
    /** How many tipsets Lotus searches back for a beacon entry. */
    private static final int BEACON_SEARCH = 20;

    private final ChainStore chain;
    private final Tipset anchor;
    private final NetworkConfig network;
    private final long genesisTimestamp;

    /**
     * @param anchor the tipset being executed
     * @param genesisTimestamp the genesis block's timestamp in seconds (drand round arithmetic)
     */
    public TipsetExterns(ChainStore chain, Tipset anchor, NetworkConfig network, long genesisTimestamp) {
        this.chain = requireNonNull(chain, "chain is null");
        this.anchor = requireNonNull(anchor, "anchor is null");
        this.network = requireNonNull(network, "network is null");
        this.genesisTimestamp = genesisTimestamp;
    }

    /**
     * blake2b-256 of the min-ticket block's VRF proof of the tipset at {@code epoch} (clamped to 0): from network
     * version 13 the next tipset above a null round, before it the last one below.
     *
     * @throws ChainException for an epoch above the anchor ("randomness from the future")
     */
    @Override
    public byte[] chainRandomness(long epoch) {
        boolean lookback = network.networkVersion(epoch) < 13;
        Tipset ts = randomnessTipset(epoch, lookback);
        return ts.minTicketBlock().header().ticket().orElseThrow().digest();
    }

    /** blake2b-256 of {@link #beaconEntry(long)}'s data. */
    @Override
    public byte[] beaconRandomness(long epoch) {
        return beaconEntry(epoch).digest();
    }

    /**
     * The beacon entry of {@code epoch} (Lotus {@code GetBeaconEntry}). From network version 14: the entry with the
     * beacon's max round for the epoch, searched in the first block of the tipset at the epoch (next above a null
     * round) and up to 19 parents. Before: the latest entry of that tipset or its nearest ancestor with one.
     */
    public BeaconEntry beaconEntry(long epoch) {
        int nv = network.networkVersion(epoch);
        if (nv >= 14 && epoch >= 0) {
            Tipset ts = randomnessTipset(epoch, false);
            long round = network.beacon().maxBeaconRound(nv, epoch, genesisTimestamp, network.blockDelaySecs());
            for (int i = 0; i < BEACON_SEARCH; i++) {
                for (BeaconEntry e : ts.blocks().get(0).header().beaconEntries()) {
                    if (e.round() == round) {
                        return e;
                    }
                }
                ts = chain.parent(ts);
            }
            throw new ChainException(
                    "no beacon entry for round " + Long.toUnsignedString(round) + " (epoch " + epoch + ")");
        }
        return latestBeaconEntry(randomnessTipset(epoch, nv < 13));
    }

    private BeaconEntry latestBeaconEntry(Tipset start) {
        Tipset ts = start;
        for (int i = 0; i < BEACON_SEARCH; i++) {
            List<BeaconEntry> entries = ts.blocks().get(0).header().beaconEntries();
            if (!entries.isEmpty()) {
                return entries.get(entries.size() - 1);
            }
            if (ts.height() == 0) {
                throw new ChainException("no beacon entry back to genesis from " + start);
            }
            ts = chain.parent(ts);
        }
        throw new ChainException("no beacon entry in the 20 tipsets up to " + start);
    }

    private Tipset randomnessTipset(long epoch, boolean lookback) {
        if (epoch > anchor.height()) {
            throw new ChainException(
                    "cannot draw randomness from the future: epoch " + epoch + " above " + anchor.height());
        }
        return chain.tipsetByHeight(Math.max(epoch, 0), anchor, lookback);
    }

    @Override
    public Cid tipsetCid(long epoch) {
        return chain.tipsetByHeight(epoch, anchor, true).key().cid();
    }

    public Tipset anchor() {
        return anchor;
    }
}
