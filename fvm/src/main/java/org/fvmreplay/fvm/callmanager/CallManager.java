package org.fvmreplay.fvm.callmanager;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.HostAbort;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.generation.FvmV3;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.BlockRegistry;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.syscalls.Invocation;
import org.fvmreplay.fvm.trace.GasTrace;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Runs the call stack of one message (the reference's {@code DefaultCallManager}): address resolution and actor
 * auto-creation, value transfer, per-call state transactions, call depth, invocation of actor code and gas accounting.
 * What differs by FVM generation (v2, v3, v4) it asks of the network's {@link FvmV3 generation}.
 */
public final class CallManager {
    private static final Cid EMPTY_ARRAY_CID = Cid.forDagCbor(new byte[] {(byte) 0x80});

    private final Machine machine;
    private final PriceList priceList;
    private final FvmV3 generation;
    private final GasTracker gasTracker;
    private final GasTrace gasTrace;
    private final StateAccessTracker accessTracker;
    private final BigInteger gasPremium;
    private final long origin;
    private final Address originAddress;
    private final long nonce;
    /** Shared by every instance of this message's call stack ({@code DefaultMemoryLimiter}). */
    private final MemoryLimiter memoryLimiter;

    private final List<Event> events = new ArrayList<>();
    private final List<Integer> eventLayers = new ArrayList<>();
    /** Actors created so far (v3 and v4 count creations; v2 counts the addresses handed out, {@link #nextActorIndex}). */
    private long actorsCreated;

    private int callDepth;
    private long invocationCount;

    /** An actor event with its emitter. */
    public record Event(long emitter, byte[] encoded) {}

    public CallManager(
            Machine machine,
            long gasLimit,
            long origin,
            Address originAddress,
            OptionalLong receiver,
            Address receiverAddress,
            long nonce,
            BigInteger gasPremium) {
        this.machine = requireNonNull(machine, "machine");
        this.priceList = machine.context().network().priceList();
        this.generation = machine.context().network().generation();
        this.memoryLimiter =
                MemoryLimiter.withTotalLimit(machine.context().network().maxMemoryBytes());
        this.gasTrace = machine.newGasTrace();
        this.gasTracker = new GasTracker(GasTracker.gasToMilligas(gasLimit), gasTrace);
        this.accessTracker = generation.chargesStateAccess()
                ? new StateAccessTracker(priceList.preloadedActors())
                : StateAccessTracker.untracked();
        this.origin = origin;
        this.originAddress = originAddress;
        this.nonce = nonce;
        this.gasPremium = gasPremium;
        accessTracker.recordActorUpdate(origin);
        accessTracker.recordLookupAddress(originAddress);
        if (receiver.isPresent()) {
            accessTracker.recordActorRead(receiver.getAsLong());
        }
        accessTracker.recordLookupAddress(receiverAddress);
    }

    public Machine machine() {
        return machine;
    }

    public PriceList priceList() {
        return priceList;
    }

    public GasTracker gasTracker() {
        return gasTracker;
    }

    public MemoryLimiter memoryLimiter() {
        return memoryLimiter;
    }

    public GasTrace gasTrace() {
        return gasTrace;
    }

    public long origin() {
        return origin;
    }

    /** The message's sender as the message spells it (not resolved). */
    public Address originAddress() {
        return originAddress;
    }

    public long nonce() {
        return nonce;
    }

    public BigInteger gasPremium() {
        return gasPremium;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public void chargeGas(GasCharge charge) {
        gasTracker.charge(charge);
    }

    /** Sends a message from {@code from}; a failing callee reverts its state changes. */
    public InvocationResult send(
            long from,
            Address to,
            long method,
            Optional<Block> params,
            BigInteger value,
            OptionalLong gasLimitMilligas,
            boolean readOnly) {
        if (gasLimitMilligas.isPresent()) {
            gasTracker.pushLimit(gasLimitMilligas.getAsLong());
        }
        if (callDepth >= machine.context().network().maxCallDepth()) {
            // FVM v3 returns here without popping the limit it pushed; v4 pops it on every path.
            if (gasLimitMilligas.isPresent() && generation.popsGasLimitOnDepthError()) {
                gasTracker.popLimit();
            }
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "message execution exceeds call depth");
        }
        machine.stateTree().beginTransaction();
        eventLayers.add(events.size());
        accessTracker.beginTransaction();
        callDepth++;
        gasTrace.recordCallStart(from, to, method, value);
        long gasAtStart = gasTrace.isEnabled() ? gasTracker.used() : 0;
        InvocationResult result = null;
        ExecutionError error = null;
        // what the callee's instances reserve is released when it returns ({@code with_stack_frame})
        long memoryFrame = memoryLimiter.enterFrame();
        try {
            result = sendUnchecked(from, to, method, params, value, readOnly);
        } catch (ExecutionError e) {
            error = e;
        } finally {
            memoryLimiter.exitFrame(memoryFrame);
        }
        callDepth--;
        if (gasTrace.isEnabled()) {
            gasTrace.recordCallEnd(
                    error != null ? -1 : result.exitCode(),
                    error == null ? null : error.getMessage(),
                    gasTracker.used() - gasAtStart);
        }
        boolean revert = error != null || result.exitCode() != 0;
        accessTracker.endTransaction(revert);
        int eventsHeight = eventLayers.remove(eventLayers.size() - 1);
        if (revert) {
            events.subList(eventsHeight, events.size()).clear();
        }
        machine.stateTree().endTransaction(revert);
        if (gasLimitMilligas.isPresent()) {
            gasTracker.popLimit();
        }
        if (error != null) {
            if (error.kind() == ExecutionError.Kind.OUT_OF_GAS && gasTracker.available() != 0) {
                return new InvocationResult(7, Optional.empty());
            }
            throw error;
        }
        return result;
    }

    public Address nextActorAddress() {
        byte[] address = new CborWriter(32).writeBytes(originAddress.toBytes()).toByteArray();
        byte[] data = new byte[address.length + 16];
        System.arraycopy(address, 0, data, 0, address.length);
        putLong(data, address.length, nonce);
        putLong(data, address.length + 8, actorsCreated);
        return Address.actorFromData(data);
    }

    /** FVM v2's {@code next_actor_idx}: the index of the next actor address this message derives (each call takes one). */
    public long nextActorIndex() {
        return actorsCreated++;
    }

    private static void putLong(byte[] out, int at, long v) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    public void createActor(Cid code, long actorId, Optional<Address> delegatedAddress) {
        if (machine.builtinActors().is(code, "placeholder")) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "cannot explicitly construct a placeholder actor");
        }
        Optional<ActorState> existing = getActor(actorId);
        ActorState actor;
        if (existing.isPresent()) {
            ActorState act = existing.get();
            if (!machine.builtinActors().is(act.code(), "placeholder")) {
                throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "Actor address already exists");
            }
            if (act.delegatedAddress().isEmpty()) {
                throw ExecutionError.fatal("placeholder " + actorId + " doesn't have a delegated address");
            }
            if (!act.delegatedAddress().equals(delegatedAddress)) {
                throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "placeholder has a different delegated address");
            }
            actor = new ActorState(code, act.head(), act.sequence(), act.balance(), act.delegatedAddress());
        } else {
            chargeGas(priceList.onCreateActor(false));
            actor = new ActorState(code, EMPTY_ARRAY_CID, 0, BigInteger.ZERO, delegatedAddress);
        }
        setActor(actorId, actor);
        actorsCreated++;
    }

    public void appendEvent(long emitter, byte[] encoded) {
        events.add(new Event(emitter, encoded));
        gasTrace.recordEvent(emitter, encoded);
    }

    public OptionalLong resolveAddress(Address address) {
        if (address.protocol() == Protocol.ID) {
            return OptionalLong.of(address.id());
        }
        if (!accessTracker.addressLookedUp(address)) {
            chargeGas(priceList.onResolveAddress());
        }
        OptionalLong id = machine.stateTree().lookupId(address);
        if (id.isPresent()) {
            accessTracker.recordLookupAddress(address);
        }
        return id;
    }

    public Optional<ActorState> getActor(long id) {
        if (accessTracker.actorAccess(id) < StateAccessTracker.READ) {
            chargeGas(priceList.onActorLookup());
        }
        Optional<ActorState> actor = machine.stateTree().actor(id);
        accessTracker.recordActorRead(id);
        return actor;
    }

    public void setActor(long id, ActorState state) {
        chargeUpdate(id);
        machine.stateTree().setActor(id, state);
        accessTracker.recordActorUpdate(id);
    }

    public void deleteActor(long id) {
        chargeUpdate(id);
        machine.stateTree().deleteActor(id);
        accessTracker.recordActorUpdate(id);
    }

    private void chargeUpdate(long id) {
        int access = accessTracker.actorAccess(id);
        if (access < StateAccessTracker.READ) {
            chargeGas(priceList.onActorLookup());
        }
        if (access < StateAccessTracker.UPDATED) {
            chargeGas(priceList.onActorUpdate());
        }
    }

    public void transfer(long from, long to, BigInteger value) {
        if (value.signum() < 0) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "attempted to transfer negative transfer value " + value);
        }
        ActorState fromActor = getActor(from)
                .orElseThrow(() -> ExecutionError.syscall(
                        ErrorNumber.INSUFFICIENT_FUNDS, "insufficient funds to transfer from " + from));
        if (fromActor.balance().compareTo(value) < 0) {
            throw ExecutionError.syscall(
                    ErrorNumber.INSUFFICIENT_FUNDS,
                    "sender does not have funds to transfer (balance " + fromActor.balance() + ", transfer " + value
                            + ")");
        }
        if (from == to) {
            return;
        }
        ActorState toActor = getActor(to)
                .orElseThrow(() -> ExecutionError.syscall(
                        ErrorNumber.NOT_FOUND, "transfer recipient " + to + " does not exist in state-tree"));
        setActor(from, withBalance(fromActor, fromActor.balance().subtract(value)));
        setActor(to, withBalance(toActor, toActor.balance().add(value)));
    }

    private static ActorState withBalance(ActorState a, BigInteger balance) {
        return new ActorState(a.code(), a.head(), a.sequence(), balance, a.delegatedAddress());
    }

    private long createActorFromSend(Address address, ActorState actor) {
        chargeGas(priceList.onCreateActor(true));
        return registerActor(address, actor);
    }

    /** Assigns {@code address} a new actor id holding {@code actor}. */
    private long registerActor(Address address, ActorState actor) {
        long id = machine.stateTree().registerNewAddress(address);
        accessTracker.recordLookupAddress(address);
        setActor(id, actor);
        return id;
    }

    private InvocationResult sendUnchecked(
            long from, Address to, long method, Optional<Block> params, BigInteger value, boolean readOnly) {
        OptionalLong resolved = resolveAddress(to);
        long toId;
        if (resolved.isPresent()) {
            toId = resolved.getAsLong();
        } else if (to.protocol() == Protocol.BLS || to.protocol() == Protocol.SECP256K1) {
            if (readOnly) {
                throw ExecutionError.syscall(
                        ErrorNumber.READ_ONLY, "cannot auto-create account " + to + " in read-only calls");
            }
            toId = createAccountActor(to);
        } else if (to.protocol() == Protocol.DELEGATED
                && to.namespace() == Machine.EAM_ACTOR_ID
                && generation.createsPlaceholders()) {
            if (readOnly) {
                throw ExecutionError.syscall(
                        ErrorNumber.READ_ONLY, "cannot auto-create account " + to + " in read-only calls");
            }
            toId = createActorFromSend(
                    to,
                    new ActorState(
                            machine.builtinActors().placeholderCode(),
                            EMPTY_ARRAY_CID,
                            0,
                            BigInteger.ZERO,
                            Optional.of(to)));
        } else {
            throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor does not exist or cannot be created: " + to);
        }
        return sendResolved(from, toId, method, params, value, readOnly);
    }

    /** Creates and constructs the account actor of key address {@code to}. */
    private long createAccountActor(Address to) {
        boolean chargeFirst = generation.chargesAccountCreationFirst();
        if (chargeFirst) {
            chargeGas(priceList.onCreateActor(true));
        }
        if (to.protocol() == Protocol.BLS && isZero(to.payload())) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "cannot create the bls zero address actor");
        }
        if (!chargeFirst) {
            chargeGas(priceList.onCreateActor(true));
        }
        long toId = registerActor(
                to,
                new ActorState(
                        machine.builtinActors().accountCode(), EMPTY_ARRAY_CID, 0, BigInteger.ZERO, Optional.empty()));
        byte[] ctorParams = new CborWriter(64).writeBytes(to.toBytes()).toByteArray();
        sendResolved(
                Machine.SYSTEM_ACTOR_ID,
                toId,
                1,
                Optional.of(new Block(generation.paramsCodec(1), ctorParams)),
                BigInteger.ZERO,
                false);
        return toId;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private InvocationResult sendResolved(
            long from, long to, long method, Optional<Block> params, BigInteger value, boolean readOnly) {
        ActorState state = getActor(to)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor does not exist: " + to));
        generation.onValueTransfer(priceList, value, method).ifPresent(this::chargeGas);
        if (value.signum() != 0) {
            transfer(from, to, value);
        }
        if (method == 0) {
            return InvocationResult.OK_EMPTY;
        }
        generation.onMethodInvocation(priceList, params).ifPresent(this::chargeGas);
        BlockRegistry blocks = new BlockRegistry();
        int paramsId =
                params.isPresent() ? generation.registerParams(blocks, params.get()) : BlockRegistry.NO_DATA_BLOCK_ID;
        invocationCount++;
        Kernel kernel = generation.newKernel(this, blocks, from, to, method, value, readOnly);
        InvocationResult result;
        try {
            result = invoke(kernel, state.code(), paramsId);
        } catch (Abort abort) {
            result = switch (abort.kind()) {
                case OUT_OF_GAS -> throw ExecutionError.outOfGas();
                case FATAL ->
                    throw ExecutionError.fatal(abort.getMessage(), abort.getCause() == null ? abort : abort.getCause());
                case EXIT -> {
                    if (abort.blockId() == BlockRegistry.NO_DATA_BLOCK_ID) {
                        yield new InvocationResult(abort.exitCode(), Optional.empty());
                    }
                    Block block;
                    try {
                        block = blocks.get(abort.blockId());
                    } catch (ExecutionError e) {
                        throw ExecutionError.fatal("error getting exit data block");
                    }
                    yield new InvocationResult(abort.exitCode(), Optional.of(block));
                }
            };
        }
        if (result.value().isPresent()) {
            Optional<GasCharge> charge = generation.onMethodReturn(
                    priceList, callDepth, result.value().get());
            if (charge.isPresent()) {
                chargeGas(charge.get());
            }
        }
        return result;
    }

    /** Instantiates the actor's code and calls {@code invoke}; aborts surface as {@link Abort}. */
    private InvocationResult invoke(Kernel kernel, Cid code, int paramsId) {
        CompiledModule module;
        try {
            module = machine.modules().get(code, cid -> machine.blockstore().get(cid));
        } catch (RuntimeException e) {
            throw Abort.fatal("cannot load actor code " + code + ": " + e.getMessage(), e);
        }
        if (module == null) {
            throw Abort.fatal("actor code " + code + " not found", null);
        }
        Invocation<Kernel> invocation = new Invocation<>(kernel);
        WasmInstance instance;
        try {
            instance = machine.modules().engine().instantiate(module, generation.link(invocation), memoryLimiter);
        } catch (Trap trap) {
            if (generation.failedInstantiationIsFatal()) {
                throw Abort.fatal("failed to instantiate actor code " + code + ": " + trap.getMessage(), trap);
            }
            throw Abort.exit(
                    ExitCodes.SYS_ILLEGAL_INSTRUCTION, "failed to instantiate module: " + trap.getMessage(), 0);
        } catch (EngineException e) {
            throw Abort.fatal("failed to link actor module: " + e.getMessage(), e);
        }
        try (instance) {
            invocation.attach(instance);
            invocation.chargeForInit();
            invocation.updateGasAvailable();
            int returnId;
            try {
                returnId = instance.invoke(paramsId);
            } catch (Trap trap) {
                Abort pending = invocation.takePendingAbort();
                if (pending != null) {
                    throw pending;
                }
                invocation.chargeForExec();
                if (trap.kind() == TrapKind.FATAL) {
                    throw Abort.fatal("engine failure: " + trap.getMessage(), trap);
                }
                throw Abort.exit(trap.kind() == TrapKind.OUT_OF_GAS ? 4 : trap.exitCode(), trap.getMessage(), 0);
            } catch (HostAbort abort) {
                Abort pending = invocation.takePendingAbort();
                throw pending != null ? pending : Abort.fatal(abort.getMessage(), abort);
            }
            invocation.chargeForExec();
            if (returnId == BlockRegistry.NO_DATA_BLOCK_ID) {
                return InvocationResult.OK_EMPTY;
            }
            Block block;
            try {
                block = kernel.blocks().get(returnId);
            } catch (ExecutionError e) {
                throw Abort.exit(ExitCodes.SYS_MISSING_RETURN, "returned block does not exist", 0);
            }
            return new InvocationResult(0, Optional.of(block));
        }
    }
}
