package org.fvmreplay.chain;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.externs.TipsetExterns;
import org.fvmreplay.chain.message.BlockMessages;
import org.fvmreplay.chain.message.SenderIds;
import org.fvmreplay.chain.message.TipsetMessages;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.network.Upgrade;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Everything from the chain that executing one tipset needs (Lotus {@code ExecuteTipSet} and {@code ApplyBlocks},
 * chain/consensus/compute_state.go), except the circulating supply, which depends on the state the executor holds at
 * each VM (see {@link org.fvmreplay.chain.supply.SupplyCalculator}).
 *
 * @param parentState the state root the tipset starts from (its blocks' {@code ParentStateRoot})
 * @param parentEpoch the parent tipset's height
 * @param preSteps what runs before the tipset's own VM, in order: for each epoch from the parent's up to this one,
 *     first the cron of a null round (not of the parent's epoch: the parent ran its own), then the migration at it
 * @param networkVersion the version of the tipset's own VM
 * @param timestamp the tipset's VM timestamp (its smallest block timestamp), seconds
 * @param baseFee the base fee its messages pay, attoFIL
 * @param blocks per block in tipset order: the messages to apply, then the reward inputs
 * @param externs randomness and tipset CIDs anchored at this tipset, for its VM and its null-round VMs
 */
public record TipsetInputs(
        Tipset tipset,
        Cid parentState,
        long parentEpoch,
        List<PreStep> preSteps,
        int networkVersion,
        long timestamp,
        BigInteger baseFee,
        List<BlockMessages> blocks,
        TipsetExterns externs) {
    public TipsetInputs {
        requireNonNull(tipset, "tipset is null");
        requireNonNull(parentState, "parentState is null");
        preSteps = List.copyOf(requireNonNull(preSteps, "preSteps is null"));
        requireNonNull(baseFee, "baseFee is null");
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
        requireNonNull(externs, "externs is null");
    }

    /** A step before the tipset's own VM. */
    public sealed interface PreStep {}

    /** Cron of a null-round epoch, on a VM of its own at that epoch, timestamp and network version. */
    public record NullRoundCron(long epoch, long timestamp, int networkVersion) implements PreStep {}

    /** The state migration of the upgrade at {@code upgrade.height()} (only upgrades with a migration appear). */
    public record Migration(Upgrade upgrade) implements PreStep {
        public Migration {
            requireNonNull(upgrade, "upgrade is null");
        }
    }

    /**
     * Gathers the inputs of executing {@code tipset} (not genesis).
     *
     * @param parentState resolves senders against the tipset's parent state (message selection; see {@link SenderIds})
     * @throws ChainException when the chain lacks blocks, a miner has two blocks in the tipset or a sender cannot be resolved
     */
    public static TipsetInputs of(ChainStore chain, NetworkConfig network, Tipset tipset, SenderIds parentState) {
        requireNonNull(chain, "chain is null");
        requireNonNull(network, "network is null");
        requireNonNull(tipset, "tipset is null");
        requireNonNull(parentState, "parentState is null");
        // Lotus refuses to execute a tipset with two blocks from one miner.
        if (tipset.blocks().stream().map(b -> b.header().miner()).distinct().count()
                != tipset.blocks().size()) {
            throw new ChainException(tipset + " has more than one block from the same miner");
        }
        Tipset parent = chain.parent(tipset);
        long genesisTimestamp =
                network.genesisTimestamp().orElseGet(() -> chain.genesis(tipset).minTimestamp());
        List<PreStep> steps = new ArrayList<>();
        for (long i = parent.height(); i < tipset.height(); i++) {
            if (i > parent.height()) {
                steps.add(new NullRoundCron(i, network.epochTimestamp(genesisTimestamp, i), network.networkVersion(i)));
            }
            network.upgradeAt(i).filter(Upgrade::migration).ifPresent(u -> steps.add(new Migration(u)));
        }
        List<BlockMessages> blocks =
                TipsetMessages.forTipset(chain, tipset, network.keysSendersById(tipset.height()), parentState);
        return new TipsetInputs(
                tipset,
                tipset.parentStateRoot(),
                parent.height(),
                steps,
                network.networkVersion(tipset.height()),
                tipset.minTimestamp(),
                tipset.parentBaseFee(),
                blocks,
                new TipsetExterns(chain, tipset, network, genesisTimestamp));
    }
}
