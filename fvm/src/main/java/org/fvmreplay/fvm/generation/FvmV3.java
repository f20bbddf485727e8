package org.fvmreplay.fvm.generation;

import java.math.BigInteger;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.BlockRegistry;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.machine.BuiltinActors;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.syscalls.Invocation;
import org.fvmreplay.fvm.syscalls.Syscalls;
import org.fvmreplay.ipld.address.Protocol;

/**
 * What the executor and the call manager ask of FVM v3 (network versions 18–20, ref-fvm {@code release/v3}): its kernel, its syscall
 * linker, how a call's parameters reach the callee and how calls and return values are charged. A later generation
 * extends this and overrides only what it changed, as {@link FvmV4} does.
 */
public class FvmV3 {
    /** The one instance (the spec holds no state). */
    public static final FvmV3 INSTANCE = new FvmV3();

    protected FvmV3() {}

    /**
     * The sender of a chain message as the message leaves it, or empty when {@code sender} may not send one: accounts and
     * Ethereum accounts send, and a fresh placeholder with an f4 address of the EAM, which becomes an Ethereum account.
     */
    public Optional<ActorState> acceptSender(BuiltinActors actors, ActorState sender) {
        if (actors.is(sender.code(), "account") || actors.is(sender.code(), "ethaccount")) {
            return Optional.of(sender);
        }
        if (actors.is(sender.code(), "placeholder")
                && sender.sequence() == 0
                && sender.delegatedAddress().isPresent()
                && sender.delegatedAddress().get().protocol() == Protocol.DELEGATED
                && sender.delegatedAddress().get().namespace() == Machine.EAM_ACTOR_ID) {
            return Optional.of(new ActorState(
                    actors.ethAccountCode(),
                    sender.head(),
                    sender.sequence(),
                    sender.balance(),
                    sender.delegatedAddress()));
        }
        return Optional.empty();
    }

    /** The kernel of one invocation. */
    public Kernel newKernel(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger value,
            boolean readOnly) {
        return new Kernel(callManager, blocks, caller, actorId, method, value, readOnly);
    }

    /** The syscalls an invocation's instance links. */
    public HostFunctions link(Invocation<Kernel> invocation) {
        return Syscalls.hostFunctions(invocation);
    }

    /**
     * Whether actor lookups and updates and address resolutions pay the state-access charges (FIP-0055 in v3); FVM v2
     * has none.
     */
    public boolean chargesStateAccess() {
        return true;
    }

    /** What a call pays before its {@code value} moves to the callee: v3 charges the transfer alone, when there is value. */
    public Optional<GasCharge> onValueTransfer(PriceList prices, BigInteger value, long method) {
        return value.signum() != 0 ? Optional.of(prices.onValueTransfer()) : Optional.empty();
    }

    /** {@code on_method_invocation} for a call (of a method other than 0) with {@code params}. */
    public Optional<GasCharge> onMethodInvocation(PriceList prices, Optional<Block> params) {
        return Optional.of(prices.onMethodInvocation());
    }

    /** {@code on_method_return} at {@code callDepth} (1 = the top-level call) for a returned block. */
    public Optional<GasCharge> onMethodReturn(PriceList prices, int callDepth, Block returned) {
        return prices.onMethodReturn(callDepth, returned.size());
    }

    /** Whether a call refused for its depth pops the gas limit it pushed (v3 leaves it pushed). */
    public boolean popsGasLimitOnDepthError() {
        return false;
    }

    /**
     * Whether the account created for a send to an unknown key address is charged before the BLS zero address is refused
     * (v3 refuses it first, {@code create_account_actor_from_send}).
     */
    public boolean chargesAccountCreationFirst() {
        return false;
    }

    /** Whether a send to an unknown f4 address in the EAM's namespace creates a placeholder actor there. */
    public boolean createsPlaceholders() {
        return true;
    }

    /** Whether an actor module that traps while it is instantiated is fatal (v3: the call exits with illegal instruction). */
    public boolean failedInstantiationIsFatal() {
        return false;
    }

    /** The codec of the parameters of a message's call of {@code method}, and of the account constructor's (method 1). */
    public long paramsCodec(long method) {
        return method == 0 ? Block.RAW : Block.CBOR;
    }

    /** Puts a call's parameters into the callee's fresh registry; returns the handle. */
    public int registerParams(BlockRegistry registry, Block params) {
        return registry.put(params);
    }
}
