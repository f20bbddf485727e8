package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.chain.execution.ActorBundles;
import org.fvmreplay.chain.execution.ActorManifestMigrations;
import org.fvmreplay.chain.execution.TipsetExecutor;
import org.fvmreplay.chain.network.ActorManifests;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.TipsetEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the replay tasks of one JVM (a Flink TaskManager, or the whole mini-cluster) share for a job: one read-only store
 * handle, and one executor whose compiled actor code serves every slot (two when the job reprices). Acquired by each task when it opens and
 * released when it closes; the last release closes the store and the engine.
 */
public final class ReplayResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayResources.class);

    private static final Map<ReplayJobConfig, ReplayResources> SHARED = new HashMap<>();

    private final ReplayJobConfig config;
    private final SnapshotStore store;
    private final ChainStore chain;
    private final NetworkConfig network;
    private final WasmEngine engine;
    private final TipsetExecutor executor;
    private final Optional<TipsetExecutor> repricedExecutor;
    private final ActorTypes actorTypes;
    private int users;

    private ReplayResources(ReplayJobConfig config) {
        this.config = config;
        Path dir = Path.of(config.store());
        this.store = SnapshotStore.openReadOnly(dir, config.blockCacheBytes());
        try {
            this.chain = new ChainStore(store.blocks());
            this.network = network(config, store);
            Map<Integer, Cid> manifests = config.networkFile().isPresent()
                    ? ActorManifests.read(Path.of(config.networkFile().get()))
                    : ActorManifests.mainnet();
            this.engine = engine(config);
            Optional<ActorBundles> bundles =
                    config.actorsDir().map(Path::of).filter(Files::isDirectory).map(ActorBundles::new);
            this.executor = new TipsetExecutor(chain, network, engine, new ActorManifestMigrations(manifests, bundles));
            this.repricedExecutor = config.repricing().map(executor::repriced);
            this.actorTypes = new ActorTypes(store.blocks());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The job's engine, with its code cache when the folder can be set up here. The cache only saves compilation, so a
     * task manager that cannot write it (the folder was resolved where the job was submitted) runs without it rather than
     * fail the job.
     */
    private static WasmEngine engine(ReplayJobConfig config) {
        try {
            return WasmEngines.create(
                    config.engine(),
                    EngineConfig.reference(),
                    config.codeCache().map(Path::of));
        } catch (EngineException e) {
            if (config.codeCache().isEmpty()) {
                throw e;
            }
            LOG.warn(
                    "code cache {} unusable here, compiling in memory only: {}",
                    config.codeCache().get(),
                    e.getMessage());
            return WasmEngines.create(config.engine(), EngineConfig.reference(), Optional.empty());
        }
    }

    /**
     * The network the job's store runs: read from {@code --network}, else recognised from the store's genesis (mainnet or
     * calibnet).
     *
     * @throws ReplayJobException when there is no network file and the genesis is neither
     */
    static NetworkConfig network(ReplayJobConfig config, SnapshotStore store) {
        if (config.networkFile().isPresent()) {
            return NetworkConfig.read(Path.of(config.networkFile().get()));
        }
        Optional<TipsetEntry> genesis = store.chainIndex().at(0);
        return genesis.flatMap(g -> NetworkConfig.forGenesis(g.key().get(0)))
                .orElseThrow(() -> new ReplayJobException(
                        "the store's genesis is neither mainnet's nor calibnet's: pass --network FILE"));
    }

    /** The resources of {@code config} in this JVM, opened on first use; release them with {@link #close()}. */
    public static ReplayResources acquire(ReplayJobConfig config) {
        requireNonNull(config, "config is null");
        synchronized (SHARED) {
            ReplayResources resources = SHARED.computeIfAbsent(config, ReplayResources::new);
            resources.users++;
            return resources;
        }
    }

    public SnapshotStore store() {
        return store;
    }

    public ChainStore chain() {
        return chain;
    }

    public NetworkConfig network() {
        return network;
    }

    public TipsetExecutor executor() {
        return executor;
    }

    /** The executor of the study's prices, when the job reprices; its results are not checked against the chain. */
    public Optional<TipsetExecutor> repricedExecutor() {
        return repricedExecutor;
    }

    public ActorTypes actorTypes() {
        return actorTypes;
    }

    @Override
    public void close() {
        synchronized (SHARED) {
            if (--users > 0) {
                return;
            }
            SHARED.remove(config, this);
        }
        try {
            engine.close();
        } finally {
            store.close();
        }
    }
}
