package org.fvmreplay.fvm.executor;

import static java.util.Objects.requireNonNull;
import static org.fvmreplay.fvm.executor.MessageSettlement.chargesWholeLimit;
import static org.fvmreplay.fvm.executor.MessageSettlement.exitCodeOf;
import static org.fvmreplay.fvm.executor.MessageSettlement.prevalidationFail;
import static org.fvmreplay.fvm.executor.MessageSettlement.settle;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_OUT_OF_GAS;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_SENDER_INVALID;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_SENDER_STATE_INVALID;

import java.math.BigInteger;
import java.util.List;
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
 * Applies explicit (chain) messages to a machine (the reference's {@code DefaultExecutor}): preflight checks and gas
 * deposit, the call, the receipt, and the fee split into burns, miner tip and refund. Which actors may send and how
 * parameters are tagged it asks of the network's FVM generation ({@code NetworkConfig.generation()}).
 */
public final class Executor {
    private final Machine machine;

    public Executor(Machine machine) {
        this.machine = requireNonNull(machine, "machine");
    }

    public Machine machine() {
        return machine;
    }

    /** Applies {@code message} whose chain serialisation is {@code rawLength} bytes long. */
    public ApplyRet applyExplicit(Message message, int rawLength) {
        BigInteger baseFee = machine.context().baseFee();
        GasCharge inclusion = machine.context().network().priceList().onChainMessage(rawLength);
        long inclusionTotal = GasTracker.roundUp(inclusion.totalMilligas());
        if (inclusionTotal > message.gasLimit()) {
            return prevalidationFail(
                    SYS_OUT_OF_GAS,
                    "Out of gas (" + inclusionTotal + " > " + message.gasLimit() + ")",
                    baseFee.multiply(BigInteger.valueOf(inclusionTotal)));
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
        Optional<ActorState> accepted =
                machine.context().network().generation().acceptSender(machine.builtinActors(), senderState.get());
        if (accepted.isEmpty()) {
            return prevalidationFail(SYS_SENDER_INVALID, "Send not from valid sender", penalty);
        }
        ActorState sender = accepted.get();
        if (message.sequence() != sender.sequence()) {
            return prevalidationFail(
                    SYS_SENDER_STATE_INVALID,
                    "Actor sequence invalid: " + message.sequence() + " != " + sender.sequence(),
                    penalty);
        }
        BigInteger gasCost = message.gasFeeCap().multiply(BigInteger.valueOf(message.gasLimit()));
        if (sender.balance().compareTo(gasCost) < 0) {
            return prevalidationFail(
                    SYS_SENDER_STATE_INVALID,
                    "Actor balance less than needed: " + sender.balance() + " < " + gasCost,
                    penalty);
        }
        long senderIdValue = senderId.getAsLong();
        machine.stateTree()
                .setActor(
                        senderIdValue,
                        new ActorState(
                                sender.code(),
                                sender.head(),
                                sender.sequence() + 1,
                                sender.balance().subtract(gasCost),
                                sender.delegatedAddress()));

        return settle(machine, message, senderIdValue, gasCost, run(message, senderIdValue, inclusion));
    }

    /**
     * Applies an implicit message (reward, cron: the reference's {@code ApplyKind::Implicit}): no inclusion gas, no
     * sender, nonce or balance checks beyond the sender resolving, no fees. The caller sets the gas limit (Lotus uses
     * {@code i64::MAX / 2}).
     */
    public ApplyRet applyImplicit(Message message) {
        requireNonNull(message, "message is null");
        OptionalLong senderId = machine.stateTree().lookupId(message.from());
        if (senderId.isEmpty()) {
            return prevalidationFail(SYS_SENDER_INVALID, "Sender invalid", BigInteger.ZERO);
        }
        return MessageSettlement.implicit(run(message, senderId.getAsLong(), new GasCharge("none", 0, 0)));
    }

    /** Runs the message's call in a fresh call manager after charging {@code inclusion}. */
    private MessageSettlement.Execution run(Message message, long senderId, GasCharge inclusion) {
        BigInteger baseFee = machine.context().baseFee();
        OptionalLong receiverId = machine.stateTree().lookupId(message.to());
        BigInteger effectivePremium =
                message.gasPremium().min(message.gasFeeCap().subtract(baseFee)).max(BigInteger.ZERO);
        CallManager cm = new CallManager(
                machine,
                message.gasLimit(),
                senderId,
                message.from(),
                receiverId,
                message.to(),
                message.sequence(),
                effectivePremium);

        int exitCode;
        byte[] returnData = new byte[0];
        long gasUsed;
        String failure = null;
        try {
            cm.chargeGas(inclusion);
            Optional<Block> params = message.params().length == 0
                    ? Optional.empty()
                    : Optional.of(new Block(
                            machine.context().network().generation().paramsCodec(message.method()), message.params()));
            InvocationResult result = cm.send(
                    senderId, message.to(), message.method(), params, message.value(), OptionalLong.empty(), false);
            exitCode = result.exitCode();
            returnData = result.value().map(Block::data).orElse(new byte[0]);
            gasUsed = usedGas(cm);
        } catch (ExecutionError e) {
            gasUsed = usedGas(cm);
            exitCode = exitCodeOf(e);
            if (chargesWholeLimit(e)) {
                gasUsed = message.gasLimit();
            }
            failure = e.getMessage();
        }
        List<CallManager.Event> events = cm.events();
        return new MessageSettlement.Execution(
                exitCode,
                returnData,
                gasUsed,
                failure,
                cm.gasTrace().entries(),
                MessageSettlement.eventsRoot(events),
                events);
    }

    /** Gas used rounded up; FVM v2's refunds (negative {@code on_delete_actor}) can take it below zero, which counts as zero. */
    private static long usedGas(CallManager cm) {
        return GasTracker.roundUp(Math.max(0, cm.gasTracker().used()));
    }
}
