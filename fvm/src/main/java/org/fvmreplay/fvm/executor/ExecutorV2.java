package org.fvmreplay.fvm.executor;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.fvm.callmanager.CallManagerV2;
import org.fvmreplay.fvm.callmanager.InvocationResult;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.ErrorNumber;
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
    private static final int SYS_SENDER_INVALID = 1;
    private static final int SYS_SENDER_STATE_INVALID = 2;
    private static final int SYS_INVALID_RECEIVER = 5;
    private static final int SYS_INSUFFICIENT_FUNDS = 6;
    private static final int SYS_OUT_OF_GAS = 7;
    private static final int SYS_ASSERTION_FAILED = 10;

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

        CallManagerV2 cm = new CallManagerV2(machine, message.gasLimit(), message.from(), message.sequence());
        int exitCode;
        byte[] returnData = new byte[0];
        long gasUsed;
        String failure = null;
        try {
            cm.chargeGas(inclusion);
            Optional<Block> params = message.params().length == 0 ? Optional.empty() : Optional.of(new Block(Block.DAG_CBOR, message.params()));
            InvocationResult result = cm.withTransaction(() -> {
                InvocationResult ret = cm.send(senderIdValue, message.to(), message.method(), params, message.value());
                if (ret.exitCode() == 0) {
                    cm.chargeGas(cm.priceList().onChainReturnValue(ret.value().map(Block::size).orElse(0)));
                }
                return ret;
            });
            exitCode = result.exitCode();
            if (exitCode == 0) {
                returnData = result.value().map(Block::data).orElse(new byte[0]);
            }
            gasUsed = usedGas(cm);
        } catch (ExecutionError e) {
            gasUsed = usedGas(cm);
            switch (e.kind()) {
                case OUT_OF_GAS -> exitCode = SYS_OUT_OF_GAS;
                case SYSCALL -> exitCode = e.errorNumber() == ErrorNumber.INSUFFICIENT_FUNDS ? SYS_INSUFFICIENT_FUNDS
                        : e.errorNumber() == ErrorNumber.NOT_FOUND ? SYS_INVALID_RECEIVER : SYS_ASSERTION_FAILED;
                default -> {
                    exitCode = SYS_ASSERTION_FAILED;
                    gasUsed = message.gasLimit();
                }
            }
            failure = e.getMessage();
        }

        GasOutputs out = GasOutputs.compute(gasUsed, message.gasLimit(), baseFee, message.gasFeeCap(), message.gasPremium());
        deposit(Machine.BURNT_FUNDS_ACTOR_ID, out.baseFeeBurn());
        deposit(Machine.REWARD_ACTOR_ID, out.minerTip());
        deposit(Machine.BURNT_FUNDS_ACTOR_ID, out.overEstimationBurn());
        deposit(senderIdValue, out.refund());
        if (!out.baseFeeBurn().add(out.overEstimationBurn()).add(out.refund()).add(out.minerTip()).equals(gasCost)) {
            throw new IllegalStateException("gas handling math is wrong");
        }
        return new ApplyRet(exitCode, returnData, gasUsed, out.minerPenalty(), out.minerTip(), out.baseFeeBurn(), out.overEstimationBurn(), out.refund(),
                failure, cm.gasTrace().charges());
    }

    /** Gas used rounded up; v2 refunds (negative charges) can take it below zero, which counts as zero. */
    private static long usedGas(CallManagerV2 cm) {
        return GasTracker.roundUp(Math.max(0, cm.gasTracker().used()));
    }

    private void deposit(long actorId, BigInteger amount) {
        if (amount.signum() < 0) {
            throw new IllegalStateException("attempted to transfer negative value into actor " + actorId);
        }
        if (amount.signum() == 0) {
            return;
        }
        ActorState actor = machine.stateTree().actor(actorId)
                .orElseThrow(() -> new IllegalStateException("failed to lookup actor " + actorId + " for transfer"));
        machine.stateTree().setActor(actorId, new ActorState(actor.code(), actor.head(), actor.sequence(), actor.balance().add(amount), actor.delegatedAddress()));
    }

    private static ApplyRet prevalidationFail(int exitCode, String reason, BigInteger penalty) {
        return new ApplyRet(exitCode, new byte[0], 0, penalty, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, reason, List.of());
    }
}
