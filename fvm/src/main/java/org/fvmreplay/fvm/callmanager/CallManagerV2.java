package org.fvmreplay.fvm.callmanager;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineException;
import org.fvmreplay.fvm.engine.HostAbort;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.Trap;
import org.fvmreplay.fvm.engine.TrapKind;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.BlockRegistry;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.syscalls.Invocation;
import org.fvmreplay.fvm.syscalls.SyscallsV2;
import org.fvmreplay.fvm.trace.GasTrace;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The call stack of one message under FVM v2 (ref-fvm {@code release/v2}, network versions 16-17): no state-access
 * charges, one {@code on_method_invocation} charge covering send and transfer, no per-send gas limits or read-only
 * calls, only BLS and secp256k1 addresses auto-create (account) actors, and state transactions wrapped by the caller
 * ({@link #withTransaction}) rather than by every send.
 */
public final class CallManagerV2 {
    private static final Cid EMPTY_ARRAY_CID = Cid.forDagCbor(new byte[] {(byte) 0x80});
    private static final int SYS_ILLEGAL_INSTRUCTION = 4;
    private static final int SYS_MISSING_RETURN = 11;

    private final Machine machine;
    private final PriceList priceList;
    private final GasTrace gasTrace;
    private final GasTracker gasTracker;
    private final Address origin;
    private final long nonce;
    private long actorsCreated;
    private int callDepth;
    /** Tallies the call stack's instances; FVM v2 sets no total limit, only the per-instance one. */
    private final MemoryLimiter memoryLimiter = MemoryLimiter.unlimited();

    public CallManagerV2(Machine machine, long gasLimit, Address origin, long nonce) {
        this.machine = requireNonNull(machine, "machine");
        this.priceList = machine.context().network().priceList();
        this.gasTrace = machine.newGasTrace();
        this.gasTracker = new GasTracker(GasTracker.gasToMilligas(gasLimit), gasTrace);
        this.origin = requireNonNull(origin, "origin");
        this.nonce = nonce;
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

    public GasTrace gasTrace() {
        return gasTrace;
    }

    /** The message's sender as written in the message (not resolved). */
    public Address origin() {
        return origin;
    }

    public long nonce() {
        return nonce;
    }

    public void chargeGas(GasCharge charge) {
        gasTracker.charge(charge);
    }

    /** The index of the next actor this message creates (each call consumes one). */
    public long nextActorIndex() {
        return actorsCreated++;
    }

    /** Runs {@code call} in a state transaction, reverted when it fails or returns a non-zero exit code. */
    public InvocationResult withTransaction(Supplier<InvocationResult> call) {
        machine.stateTree().beginTransaction();
        InvocationResult result;
        try {
            result = call.get();
        } catch (ExecutionError e) {
            machine.stateTree().endTransaction(true);
            throw e;
        }
        machine.stateTree().endTransaction(result.exitCode() != 0);
        return result;
    }

    /** Sends a message from {@code from}; errors (not exit codes) surface as {@link ExecutionError}. */
    public InvocationResult send(long from, Address to, long method, Optional<Block> params, BigInteger value) {
        if (callDepth >= machine.context().network().maxCallDepth()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "message execution exceeds call depth");
        }
        callDepth++;
        long memoryFrame = memoryLimiter.enterFrame();
        try {
            return sendUnchecked(from, to, method, params, value);
        } finally {
            memoryLimiter.exitFrame(memoryFrame);
            callDepth--;
        }
    }

    /** Moves {@code value} between two actors without charging gas (the machine's transfer in the reference). */
    public void transfer(long from, long to, BigInteger value) {
        if (value.signum() < 0) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "attempted to transfer negative transfer value " + value);
        }
        ActorState fromActor = machine.stateTree().actor(from)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.INSUFFICIENT_FUNDS, "cannot transfer from non-existent sender " + from));
        if (fromActor.balance().compareTo(value) < 0) {
            throw ExecutionError.syscall(ErrorNumber.INSUFFICIENT_FUNDS, "sender does not have funds to transfer (balance " + fromActor.balance() + ", transfer " + value + ")");
        }
        if (from == to) {
            return;
        }
        ActorState toActor = machine.stateTree().actor(to)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "cannot transfer to non-existent receiver " + to));
        machine.stateTree().setActor(from, withBalance(fromActor, fromActor.balance().subtract(value)));
        machine.stateTree().setActor(to, withBalance(toActor, toActor.balance().add(value)));
    }

    private static ActorState withBalance(ActorState a, BigInteger balance) {
        return new ActorState(a.code(), a.head(), a.sequence(), balance, a.delegatedAddress());
    }

    private InvocationResult sendUnchecked(long from, Address to, long method, Optional<Block> params, BigInteger value) {
        OptionalLong resolved = machine.stateTree().lookupId(to);
        long toId;
        if (resolved.isPresent()) {
            toId = resolved.getAsLong();
        } else if (to.protocol() == Protocol.BLS || to.protocol() == Protocol.SECP256K1) {
            toId = createAccountActor(to);
        } else {
            throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor does not exist: " + to);
        }
        return sendResolved(from, toId, method, params, value);
    }

    private long createAccountActor(Address address) {
        chargeGas(priceList.onCreateActor(true));
        if (address.protocol() == Protocol.BLS && isZero(address.payload())) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "cannot create the bls zero address actor");
        }
        long id = machine.stateTree().registerNewAddress(address);
        machine.stateTree().setActor(id, new ActorState(machine.builtinActors().accountCode(), EMPTY_ARRAY_CID, 0, BigInteger.ZERO, Optional.empty()));
        byte[] ctorParams = new CborWriter(64).writeBytes(address.toBytes()).toByteArray();
        sendResolved(Machine.SYSTEM_ACTOR_ID, id, 1, Optional.of(new Block(Block.DAG_CBOR, ctorParams)), BigInteger.ZERO);
        return id;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private InvocationResult sendResolved(long from, long to, long method, Optional<Block> params, BigInteger value) {
        ActorState state = machine.stateTree().actor(to)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor does not exist: " + to));
        chargeGas(priceList.onMethodInvocation(value.signum() != 0, method));
        if (value.signum() != 0) {
            transfer(from, to, value);
        }
        if (method == 0) {
            return InvocationResult.OK_EMPTY;
        }
        BlockRegistry blocks = new BlockRegistry();
        int paramsId = params.isPresent() ? blocks.put(params.get()) : BlockRegistry.NO_DATA_BLOCK_ID;
        KernelV2 kernel = new KernelV2(this, blocks, from, to, method, value);
        try {
            return invoke(kernel, state.code(), paramsId);
        } catch (Abort abort) {
            return switch (abort.kind()) {
                case OUT_OF_GAS -> throw ExecutionError.outOfGas();
                case FATAL -> throw ExecutionError.fatal(abort.getMessage(), abort.getCause() == null ? abort : abort.getCause());
                // v2 exits carry no return block
                case EXIT -> new InvocationResult(abort.exitCode(), Optional.empty());
            };
        }
    }

    /** Instantiates the actor's code with the v2 syscalls and calls {@code invoke}; aborts surface as {@link Abort}. */
    private InvocationResult invoke(KernelV2 kernel, Cid code, int paramsId) {
        CompiledModule module;
        try {
            module = machine.modules().get(code, cid -> machine.blockstore().get(cid));
        } catch (RuntimeException e) {
            throw Abort.fatal("cannot load actor code " + code + ": " + e.getMessage(), e);
        }
        if (module == null) {
            throw Abort.fatal("actor code " + code + " not found", null);
        }
        Invocation<KernelV2> invocation = new Invocation<>(kernel);
        WasmInstance instance;
        try {
            instance = machine.modules().engine().instantiate(module, SyscallsV2.hostFunctions(invocation), memoryLimiter);
        } catch (Trap | EngineException e) {
            // v2 treats any failure to get an instance as fatal
            throw Abort.fatal("failed to instantiate actor code " + code + ": " + e.getMessage(), e);
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
                throw Abort.exit(trap.kind() == TrapKind.OUT_OF_GAS ? SYS_ILLEGAL_INSTRUCTION : trap.exitCode(), trap.getMessage(), 0);
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
                throw Abort.exit(SYS_MISSING_RETURN, "returned block does not exist", 0);
            }
            return new InvocationResult(0, Optional.of(block));
        }
    }
}
