package org.fvmreplay.fvm.machine;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import org.fvmreplay.fvm.engine.InstrumentationProfile;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.cache.ModuleCache;
import org.fvmreplay.fvm.externs.Externs;
import org.fvmreplay.fvm.gas.PriceListGasRules;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.fvm.trace.GasTrace;
import org.fvmreplay.fvm.wasm.instrument.InstrumentVersion;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.BufferedBlockstore;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The state of execution for one tipset: a buffered blockstore, the mutable state tree, the builtin actors named by the
 * system actor's manifest, externs and compiled actor code (the reference's {@code DefaultMachine}).
 */
public final class Machine {
    /** The system actor's ID. */
    public static final long SYSTEM_ACTOR_ID = 0;

    public static final long REWARD_ACTOR_ID = 2;
    public static final long BURNT_FUNDS_ACTOR_ID = 99;
    public static final long EAM_ACTOR_ID = 10;

    private final MachineContext context;
    private final BufferedBlockstore blockstore;
    private final MutableStateTree stateTree;
    private final BuiltinActors builtinActors;
    private final Externs externs;
    private final ModuleCache modules;
    private final boolean tracing;
    private final Consumer<GasTrace> traceListener;

    private Machine(
            MachineContext context,
            BufferedBlockstore blockstore,
            MutableStateTree stateTree,
            BuiltinActors builtinActors,
            Externs externs,
            ModuleCache modules,
            boolean tracing) {
        this(context, blockstore, stateTree, builtinActors, externs, modules, tracing, null);
    }

    private Machine(
            MachineContext context,
            BufferedBlockstore blockstore,
            MutableStateTree stateTree,
            BuiltinActors builtinActors,
            Externs externs,
            ModuleCache modules,
            boolean tracing,
            Consumer<GasTrace> traceListener) {
        this.context = context;
        this.blockstore = blockstore;
        this.stateTree = stateTree;
        this.builtinActors = builtinActors;
        this.externs = externs;
        this.modules = modules;
        this.tracing = tracing;
        this.traceListener = traceListener;
    }

    /**
     * Opens the state at the context's root in {@code store} (which must also hold the actor bundle's blocks) and loads
     * the manifest the system actor names.
     */
    public static Machine create(
            MachineContext context, Blockstore store, Externs externs, WasmEngine engine, boolean tracing) {
        requireNonNull(context, "context");
        requireNonNull(store, "store");
        BufferedBlockstore buffered = new BufferedBlockstore(store);
        MutableStateTree tree = MutableStateTree.load(buffered, context.initialStateRoot());
        BuiltinActors actors = BuiltinActors.load(buffered, manifestOf(tree));
        InstrumentationProfile profile = new InstrumentationProfile(
                profileId(context.network()),
                PriceListGasRules.of(context.network().priceList()),
                2048,
                InstrumentVersion.forNetworkVersion(context.network().networkVersion()));
        ModuleCache modules = new ModuleCache(engine, profile, java.util.Optional.empty());
        return new Machine(context, buffered, tree, actors, requireNonNull(externs, "externs"), modules, tracing);
    }

    /** The manifest CID in the system actor's state (its first field). */
    public static Cid manifestOf(MutableStateTree tree) {
        ActorState system = tree.actor(SYSTEM_ACTOR_ID)
                .orElseThrow(() -> new IllegalStateException("state tree has no system actor (f00)"));
        CborReader r = CborReader.strict(tree.store().getOrThrow(system.head()));
        r.readArrayHeader();
        return r.readCid();
    }

    private static String profileId(NetworkConfig network) {
        return "nv" + network.networkVersion() + "-"
                + network.priceList().name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Reuses compiled code across machines that share a profile. */
    public Machine withModules(ModuleCache shared) {
        return new Machine(context, blockstore, stateTree, builtinActors, externs, shared, tracing, traceListener);
    }

    /** Traces every message and hands each new message trace to {@code listener} (how callers collect traces). */
    public Machine withTraceListener(Consumer<GasTrace> listener) {
        return new Machine(
                context,
                blockstore,
                stateTree,
                builtinActors,
                externs,
                modules,
                true,
                requireNonNull(listener, "listener"));
    }

    public MachineContext context() {
        return context;
    }

    public BufferedBlockstore blockstore() {
        return blockstore;
    }

    public MutableStateTree stateTree() {
        return stateTree;
    }

    public BuiltinActors builtinActors() {
        return builtinActors;
    }

    public Externs externs() {
        return externs;
    }

    public ModuleCache modules() {
        return modules;
    }

    public GasTrace newGasTrace() {
        if (!tracing) {
            return GasTrace.disabled();
        }
        GasTrace trace = GasTrace.enabled();
        if (traceListener != null) {
            traceListener.accept(trace);
        }
        return trace;
    }

    /** Flushes the state tree and writes what the new root reaches to the underlying store; returns the root. */
    public Cid flush() {
        Cid root = stateTree.flush();
        blockstore.flush(root);
        return root;
    }
}
