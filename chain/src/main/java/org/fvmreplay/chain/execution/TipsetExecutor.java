package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fvmreplay.chain.TipsetInputs;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.externs.ChainExterns;
import org.fvmreplay.chain.message.BlockMessages;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.chain.receipt.Receipts;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.chain.supply.SupplyCalculator;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.cache.ModuleCache;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.fvm.executor.Executor;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.fvm.gas.WasmGasPrices;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.blockstore.MissingBlockException;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Executes a tipset from its parent state as Lotus's {@code TipSetExecutor.ExecuteTipSet} and {@code ApplyBlocks} do
 * (lotus {@code chain/consensus/compute_state.go}): cron for each null round and the migration at each upgrade height
 * between the parent and the tipset, then per block its messages (BLS then secp, de-duplicated by unsigned CID) and a
 * reward, then cron; receipts of the explicit messages in order form the receipts root (legacy AMT). Each tipset runs on
 * a private overlay of the chain's store, so tipsets are independent and may run in parallel on separate executors.
 * <p>
 * Only network versions the FVM runs with implicit messages (18 and later) execute; state migrations run when
 * {@link StateMigrations} has them and otherwise end the tipset as {@link TipsetOutcome.MigrationRequired}.
 * Thread-safe: threads that share one executor share its compiled actor code (one compilation per network version
 * and actor), and each tipset still runs on its own machine and overlay.
 */
public final class TipsetExecutor {
    private static final int FIRST_SUPPORTED_NETWORK_VERSION = 18;

    private final ChainStore chain;
    private final NetworkConfig network;
    private final WasmEngine engine;
    private final StateMigrations migrations;
    private final Optional<Repricing> repricing;
    private final Map<ModuleKey, ModuleCache> modules;
    private volatile SupplyCalculator supply;

    public TipsetExecutor(ChainStore chain, NetworkConfig network, WasmEngine engine, StateMigrations migrations) {
        this(chain, network, engine, migrations, Optional.empty(), new ConcurrentHashMap<>(), null);
    }

    private TipsetExecutor(
            ChainStore chain,
            NetworkConfig network,
            WasmEngine engine,
            StateMigrations migrations,
            Optional<Repricing> repricing,
            Map<ModuleKey, ModuleCache> modules,
            SupplyCalculator supply) {
        this.chain = requireNonNull(chain, "chain is null");
        this.network = requireNonNull(network, "network is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.migrations = requireNonNull(migrations, "migrations is null");
        this.repricing = requireNonNull(repricing, "repricing is null");
        this.modules = modules;
        this.supply = supply;
    }

    /**
     * An executor that runs every message under {@code prices} instead of the chain's price lists, for repricing studies:
     * its results are counterfactual, so they are not to be checked against the chain. The two share compiled actor code
     * where the study leaves the WebAssembly instruction prices as they are (the instrumented code carries them), and
     * nothing else that changes.
     */
    public TipsetExecutor repriced(Repricing prices) {
        requireNonNull(prices, "prices is null");
        return new TipsetExecutor(chain, network, engine, migrations, Optional.of(prices), modules, supply);
    }

    /**
     * Executes {@code tipset} (not genesis) from its parent state root.
     *
     * @throws TipsetExecutionException when an implicit message fails, which the reference node treats as an invalid tipset
     */
    public TipsetOutcome execute(Tipset tipset) {
        return execute(tipset, TipsetTracer.NONE);
    }

    /**
     * Executes {@code tipset} as {@link #execute(Tipset)} does, telling {@code tracer} of every message as it is applied.
     *
     * @throws TipsetExecutionException when an implicit message fails, which the reference node treats as an invalid tipset
     */
    public TipsetOutcome execute(Tipset tipset, TipsetTracer tracer) {
        requireNonNull(tipset, "tipset is null");
        requireNonNull(tracer, "tracer is null");
        long started = System.nanoTime();
        TipsetStore store = new TipsetStore(chain.blockstore());
        try {
            return run(tipset, store, new Steps(tracer), started);
        } catch (MissingBlockException e) {
            return new TipsetOutcome.MissingState(tipset, e.cid());
        } catch (RuntimeException e) {
            if (store.firstMissing().isPresent()) {
                return new TipsetOutcome.MissingState(
                        tipset, store.firstMissing().get());
            }
            throw e;
        }
    }

    private TipsetOutcome run(Tipset tipset, TipsetStore store, Steps steps, long started) {
        int networkVersion = network.networkVersion(tipset.height());
        if (networkVersion < FIRST_SUPPORTED_NETWORK_VERSION) {
            return new TipsetOutcome.Unsupported(
                    tipset,
                    networkVersion,
                    "network version " + networkVersion + " is not replayed (chain replay starts at 18)");
        }
        StateTree parentTree = StateTree.load(store, tipset.parentStateRoot());
        TipsetInputs inputs = TipsetInputs.of(chain, network, tipset, parentTree::resolve);
        ChainExterns externs = inputs.externs();
        List<TipsetOutcome.AppliedImplicit> implicit = new ArrayList<>();
        Cid state = inputs.parentState();
        for (TipsetInputs.PreStep step : inputs.preSteps()) {
            if (step instanceof TipsetInputs.NullRoundCron cron) {
                Machine machine = machine(
                        store,
                        tipset,
                        cron.networkVersion(),
                        cron.epoch(),
                        cron.timestamp(),
                        inputs.baseFee(),
                        state,
                        externs,
                        steps);
                implicit.add(steps.implicit(
                        new Executor(machine), "cron", cron.epoch(), ImplicitMessages.cron(cron.epoch())));
                state = machine.flush();
            } else if (step instanceof TipsetInputs.Migration migration) {
                Optional<StateMigration> ported = migrations.forUpgrade(migration.upgrade());
                if (ported.isEmpty()) {
                    return new TipsetOutcome.MigrationRequired(tipset, migration.upgrade());
                }
                Cid before = state;
                state = ported.get().migrate(store, state, migration.upgrade().height());
                if (steps.tracer.tracesState()) {
                    steps.tracer.migrated(
                            migration.upgrade().height(), migration.upgrade().networkVersion(), before, state, store);
                }
            }
        }
        if (store.firstMissing().isPresent()) {
            return new TipsetOutcome.MissingState(tipset, store.firstMissing().get());
        }

        long epoch = tipset.height();
        Machine machine = machine(
                store,
                tipset,
                inputs.networkVersion(),
                epoch,
                inputs.timestamp(),
                inputs.baseFee(),
                state,
                externs,
                steps);
        Executor executor = new Executor(machine);
        List<TipsetOutcome.AppliedMessage> applied = new ArrayList<>();
        List<MessageReceipt> receipts = new ArrayList<>();
        for (BlockMessages block : inputs.blocks()) {
            BigInteger penalty = BigInteger.ZERO;
            BigInteger gasReward = BigInteger.ZERO;
            for (ChainMessage message : block.messages()) {
                Optional<Cid> before = steps.stateRoot(machine);
                ApplyRet ret = executor.applyExplicit(message.message(), message.chainLength());
                TipsetOutcome.AppliedMessage one = new TipsetOutcome.AppliedMessage(message, block.block(), ret);
                steps.applied(Optional.of(one), Optional.empty(), epoch, message.message(), ret, before, machine);
                applied.add(one);
                receipts.add(one.receipt());
                penalty = penalty.add(ret.penalty());
                gasReward = gasReward.add(ret.minerTip());
            }
            implicit.add(steps.implicit(
                    executor,
                    "reward",
                    epoch,
                    ImplicitMessages.reward(epoch, block.miner(), penalty, gasReward, block.winCount())));
        }
        implicit.add(steps.implicit(executor, "cron", epoch, ImplicitMessages.cron(epoch)));
        Cid stateRoot = machine.flush();
        Cid receiptsRoot = Receipts.root(store, receipts);
        if (store.firstMissing().isPresent()) {
            return new TipsetOutcome.MissingState(tipset, store.firstMissing().get());
        }
        return new TipsetOutcome.Executed(
                tipset,
                inputs.networkVersion(),
                stateRoot,
                receiptsRoot,
                applied,
                implicit,
                System.nanoTime() - started);
    }

    private Machine machine(
            TipsetStore store,
            Tipset anchor,
            int networkVersion,
            long epoch,
            long timestamp,
            BigInteger baseFee,
            Cid state,
            ChainExterns externs,
            Steps steps) {
        // Lotus computes it once per VM, on the state the VM starts from (after null-round crons and migrations)
        BigInteger circulating = supply(store, anchor)
                .compute(epoch, MutableStateTree.load(store, state))
                .filCirculating();
        org.fvmreplay.fvm.machine.NetworkConfig config =
                org.fvmreplay.fvm.machine.NetworkConfig.forNetworkVersion(networkVersion);
        if (repricing.isPresent()) {
            config = config.withPriceList(repricing.get().priceListFor(networkVersion));
        }
        MachineContext context = new MachineContext(config, epoch, timestamp, baseFee, circulating, state);
        Machine machine = Machine.create(context, store, externs, engine, steps.tracer.tracesMessages());
        // compiled code depends on the network version (instrumentation) and the WebAssembly prices, nothing else
        ModuleCache shared = modules.computeIfAbsent(
                new ModuleKey(networkVersion, config.priceList().wasmGasPrices()), k -> machine.modules());
        return machine.withModules(shared);
    }

    private SupplyCalculator supply(TipsetStore store, Tipset anchor) {
        SupplyCalculator known = supply;
        if (known == null) {
            synchronized (this) {
                known = supply;
                if (known == null) {
                    Tipset genesis = chain.genesis(anchor);
                    known = new SupplyCalculator(
                            network,
                            SupplyCalculator.genesisPledge(StateTree.load(store, genesis.parentStateRoot()), store));
                    supply = known;
                }
            }
        }
        return known;
    }

    /** What compiled actor code depends on: the network version and the price list's WebAssembly prices. */
    private record ModuleKey(int networkVersion, WasmGasPrices prices) {}

    /** Numbers the messages of one tipset in execution order and tells the tracer of each. */
    private static final class Steps {
        private final TipsetTracer tracer;
        private int position;

        Steps(TipsetTracer tracer) {
            this.tracer = tracer;
        }

        /** The machine's current state root when the tracer wants state, after flushing its state tree into the machine's buffer. */
        Optional<Cid> stateRoot(Machine machine) {
            return tracer.tracesState() ? Optional.of(machine.stateTree().flush()) : Optional.empty();
        }

        void applied(
                Optional<TipsetOutcome.AppliedMessage> explicit,
                Optional<String> implicitKind,
                long epoch,
                org.fvmreplay.fvm.message.Message message,
                ApplyRet ret,
                Optional<Cid> before,
                Machine machine) {
            tracer.messageApplied(new TipsetTracer.MessageApplied(
                    position++,
                    explicit,
                    implicitKind,
                    epoch,
                    message,
                    ret,
                    before,
                    stateRoot(machine),
                    machine.blockstore()));
        }

        TipsetOutcome.AppliedImplicit implicit(
                Executor executor, String kind, long epoch, org.fvmreplay.fvm.message.Message message) {
            Optional<Cid> before = stateRoot(executor.machine());
            ApplyRet ret = executor.applyImplicit(message);
            if (ret.exitCode() != 0) {
                throw new TipsetExecutionException(kind + " at epoch " + epoch + " failed with exit code "
                        + ret.exitCode() + ": " + ret.failureInfo());
            }
            applied(Optional.empty(), Optional.of(kind), epoch, message, ret, before, executor.machine());
            return new TipsetOutcome.AppliedImplicit(kind, epoch, message, ret);
        }
    }
}
