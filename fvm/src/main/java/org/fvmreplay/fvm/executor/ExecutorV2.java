package org.fvmreplay.fvm.executor;

import static java.util.Objects.requireNonNull;
import static org.fvmreplay.fvm.executor.MessageSettlement.SYS_OUT_OF_GAS;
import static org.fvmreplay.fvm.executor.MessageSettlement.SYS_SENDER_INVALID;
import static org.fvmreplay.fvm.executor.MessageSettlement.SYS_SENDER_STATE_INVALID;
import static org.fvmreplay.fvm.executor.MessageSettlement.chargesWholeLimit;
import static org.fvmreplay.fvm.executor.MessageSettlement.exitCodeOf;
import static org.fvmreplay.fvm.executor.MessageSettlement.prevalidationFail;
import static org.fvmreplay.fvm.executor.MessageSettlement.settle;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.callmanager.InvocationResult;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.state.ActorState;

/**
 * Applies explicit messages under FVM v2 (ref-fvm {@code release/v2}'s {@code DefaultExecutor}): only account actors
 * send, parameters are always DAG-CBOR, the top-level return value is charged inside the message's transaction, and
 * the call manager runs without state-access charges.
 */
public final class ExecutorV2 {
    private final Machine machine;

    public ExecutorV2(Machine machine) {
        this.machine = requireNonNull(machine, "machine");
    }

    public Machine machine() {
        return machine;
    }

    /** Applies {@code message} whose chain serialisation is {@code rawLength} bytes long. */
    public ApplyRet applyExplicit(Message message, int rawLength) {
        requireNonNull(message, "message");
        BigInteger baseFee = machine.context().baseFee();
        GasCharge inclusion = machine.context().network().priceList().onChainMessage(rawLength);
        long inclusionTotal = GasTracker.roundUp(inclusion.totalMilligas());
        if (inclusionTotal > message.gasLimit()) {
            return prevalidationFail(SYS_OUT_OF_GAS, "Out of gas (" + inclusionTotal + " > " + message.gasLimit() + ")", baseFee.multiply(BigInteger.valueOf(inclusionTotal)));
        }
        BigInteger penalty = baseFee.multiply(BigInteger.valueOf(message.gasLimit()));
        OptionalLong senderId = machine.stateTree().lookupId(message.from());
        if (senderId.isEmpty()) {
            return prevalidationFail(SYS_SENDER_INVALID, "Sender invalid", penalty);
        }
        Optional<ActorState> senderState = machine.stateTree().actor(senderId.getAsLong());
        if (senderState.isEmpty()) {
            return prevalidationFail(SYS_SENDER_INVALID, "Sender invalid", penalty);
        }
        ActorState sender = senderState.get();
        if (!machine.builtinActors().is(sender.code(), "account")) {
            return prevalidationFail(SYS_SENDER_INVALID, "Send not from account actor", penalty);
        }
        if (message.sequence() != sender.sequence()) {
            return prevalidationFail(SYS_SENDER_STATE_INVALID, "Actor sequence invalid: " + message.sequence() + " != " + sender.sequence(), penalty);
        }
        BigInteger gasCost = message.gasFeeCap().multiply(BigInteger.valueOf(message.gasLimit()));
        if (sender.balance().compareTo(gasCost) < 0) {
            return prevalidationFail(SYS_SENDER_STATE_INVALID, "Actor balance less than needed: " + sender.balance() + " < " + gasCost, penalty);
        }
        long senderIdValue = senderId.getAsLong();
        machine.stateTree().setActor(senderIdValue, new ActorState(sender.code(), sender.head(), sender.sequence() + 1, sender.balance().subtract(gasCost), sender.delegatedAddress()));

        OptionalLong receiverId = machine.stateTree().lookupId(message.to());
        CallManager cm = new CallManager(machine, message.gasLimit(), senderIdValue, message.from(), receiverId, message.to(), message.sequence(), BigInteger.ZERO);
        int exitCode;
        byte[] returnData = new byte[0];
        long gasUsed;
        String failure = null;
        try {
            cm.chargeGas(inclusion);
            Optional<Block> params = message.params().length == 0 ? Optional.empty() : Optional.of(new Block(Block.DAG_CBOR, message.params()));
            // the call manager charges the top-level return value inside the call's transaction
            InvocationResult result = cm.send(senderIdValue, message.to(), message.method(), params, message.value(), OptionalLong.empty(), false);
            exitCode = result.exitCode();
            if (exitCode == 0) {
                returnData = result.value().map(Block::data).orElse(new byte[0]);
            }
            gasUsed = usedGas(cm);
        } catch (ExecutionError e) {
            gasUsed = usedGas(cm);
            exitCode = exitCodeOf(e);
            if (chargesWholeLimit(e)) {
                gasUsed = message.gasLimit();
            }
            failure = e.getMessage();
        }

        return settle(machine, message, senderIdValue, gasCost,
                new MessageSettlement.Execution(exitCode, returnData, gasUsed, failure, cm.gasTrace().charges(), java.util.Optional.empty(), java.util.List.of()));
    }

    /** Gas used rounded up; v2 refunds (negative charges) can take it below zero, which counts as zero. */
    private static long usedGas(CallManager cm) {
        return GasTracker.roundUp(Math.max(0, cm.gasTracker().used()));
    }

}
