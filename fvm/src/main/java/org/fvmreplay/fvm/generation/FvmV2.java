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
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.fvm.machine.BuiltinActors;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.syscalls.Invocation;
import org.fvmreplay.fvm.syscalls.SyscallsV2;

/**
 * FVM v2 (network versions 16 and 17, ref-fvm {@code release/v2}) as its differences from {@link FvmV3}: only accounts
 * send chain messages, the v2 kernel and linker, no state-access charges, one {@code on_method_invocation} charged before the value moves (covering the
 * transfer, method 0 included), the top-level return value charged as {@code on_chain_return_value}, DAG-CBOR
 * parameters, no placeholder actors, and a module that fails to instantiate is fatal.
 */
public final class FvmV2 extends FvmV3 {
    /** The one instance. */
    public static final FvmV2 INSTANCE = new FvmV2();

    private FvmV2() {}

    /** v2's executor lets only account actors send (v3 added Ethereum accounts and placeholders). */
    @Override
    public Optional<ActorState> acceptSender(BuiltinActors actors, ActorState sender) {
        return actors.is(sender.code(), "account") ? Optional.of(sender) : Optional.empty();
    }

    @Override
    public Kernel newKernel(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger value,
            boolean readOnly) {
        // v2 has no read-only calls: every send passes false
        return new KernelV2(callManager, blocks, caller, actorId, method, value);
    }

    @Override
    public HostFunctions link(Invocation<Kernel> invocation) {
        return SyscallsV2.hostFunctions(invocation);
    }

    @Override
    public boolean chargesStateAccess() {
        return false;
    }

    /** v2's {@code send_resolved} charges {@code on_method_invocation(value, method)} before the transfer, also for method 0. */
    @Override
    public Optional<GasCharge> onValueTransfer(PriceList prices, BigInteger value, long method) {
        return Optional.of(prices.onMethodInvocation(value.signum() != 0, method));
    }

    /** Already charged with the transfer ({@link #onValueTransfer}). */
    @Override
    public Optional<GasCharge> onMethodInvocation(PriceList prices, Optional<Block> params) {
        return Optional.empty();
    }

    /**
     * Only the top-level return value is charged, as {@code on_chain_return_value}: v2's executor charges it inside the
     * message's transaction, where v3 charges it as {@code on_method_return} at call depth 1, so both revert with it.
     */
    @Override
    public Optional<GasCharge> onMethodReturn(PriceList prices, int callDepth, Block returned) {
        return callDepth == 1 ? Optional.of(prices.onChainReturnValue(returned.size())) : Optional.empty();
    }

    /** v2's {@code create_account_actor} charges {@code on_create_actor} before it refuses the BLS zero address. */
    @Override
    public boolean chargesAccountCreationFirst() {
        return true;
    }

    /** v2 predates placeholders: only key addresses create actors when sent to. */
    @Override
    public boolean createsPlaceholders() {
        return false;
    }

    /** v2 turns any failure to get an instance into {@code Abort::Fatal}. */
    @Override
    public boolean failedInstantiationIsFatal() {
        return true;
    }

    /** v2 tags every message's parameters, and the account constructor's, DAG-CBOR. */
    @Override
    public long paramsCodec(long method) {
        return Block.DAG_CBOR;
    }
}
