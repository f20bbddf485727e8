package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.BlockHeader;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.ActorManifests;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/** Test helpers over the shared devnets: tipsets by epoch, their expected records, executors on a given chain store. */
final class Replays {
    private static final Map<String, Overlaid> OVERLAID = new HashMap<>();

    private Replays() {}

    /**
     * A devnet behind an overlay store, with one executor over it: shared by every test class in the JVM, because compiling
     * the actors of a network version is most of what a replay test costs. Tests that put or hide blocks reset the overlay
     * after each test; added blocks are content-addressed, so they cannot change what another test reads.
     */
    record Overlaid(
            SharedChain shared,
            OverlayBlockstore overlay,
            ChainStore chain,
            TipsetExecutor executor,
            TipsetReplay replay) {}

    static synchronized Overlaid overlaid(SharedChain shared) {
        return OVERLAID.computeIfAbsent(shared.name(), n -> {
            OverlayBlockstore overlay = new OverlayBlockstore(shared.store());
            ChainStore chain = new ChainStore(overlay);
            TipsetExecutor executor = executor(shared, chain);
            return new Overlaid(shared, overlay, chain, executor, new TipsetReplay(chain, executor));
        });
    }

    /** The tipset at exactly {@code epoch} (not a null round). */
    static Tipset at(SharedChain shared, long epoch) {
        Tipset t = shared.chain().tipsetByHeight(epoch, shared.head(), false);
        assertThat(t.height())
                .as("a tipset at epoch %s of %s", epoch, shared.name())
                .isEqualTo(epoch);
        return t;
    }

    /** The next tipset above {@code tipset} on the chain, across null rounds. */
    static Tipset child(SharedChain shared, Tipset tipset) {
        Tipset child = shared.chain().tipsetByHeight(tipset.height() + 1, shared.head(), false);
        assertThat(child.parents()).isEqualTo(tipset.key());
        return child;
    }

    /** The expected record of the tipset at {@code epoch} from tipsets.jsonl. */
    static JsonNode record(SharedChain shared, long epoch) {
        return shared.tipsets().stream()
                .filter(r -> r.get("epoch").asLong() == epoch)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record of epoch " + epoch + " in " + shared.name()));
    }

    /**
     * A new executor over {@code chain} (the shared store or an overlay of it) with the devnet's schedule and manifests.
     * Wasmtime: compiled actors are cached per executor and network version, and wasmtime compiles them in about half
     * of Chicory's time (this class's tipsets: 55 s against 100 s), which is most of what these tests cost.
     */
    private static TipsetExecutor executor(SharedChain shared, ChainStore chain) {
        requireNonNull(shared, "shared is null");
        requireNonNull(chain, "chain is null");
        return new TipsetExecutor(
                chain,
                NetworkConfig.read(shared.manifestPath()),
                new WasmtimeEngine(EngineConfig.reference()),
                new ActorManifestMigrations(
                        ActorManifests.read(shared.manifestPath()),
                        java.util.Optional.of(new ActorBundles(SharedChain.dir(shared.name())
                                .resolve("../../actors")
                                .normalize()))));
    }

    /** {@code header} with other parent state and parent receipts roots (and so another CID). */
    static BlockHeader withParentRoots(BlockHeader h, Cid parentStateRoot, Cid parentMessageReceipts) {
        return new BlockHeader(
                h.miner(),
                h.ticket(),
                h.electionProof(),
                h.beaconEntries(),
                h.winPoStProofs(),
                h.parents(),
                h.parentWeight(),
                h.height(),
                parentStateRoot,
                parentMessageReceipts,
                h.messages(),
                h.blsAggregate(),
                h.timestamp(),
                h.blockSig(),
                h.forkSignaling(),
                h.parentBaseFee());
    }

    /** Puts the header into {@code store} under its CID and returns it as a tipset block. */
    static Tipset.Block put(Blockstore store, BlockHeader header) {
        byte[] bytes = header.encode();
        Cid cid = store.putDagCbor(bytes);
        return new Tipset.Block(cid, header);
    }
}
