package org.fvmreplay.fvm.executor;

import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_ASSERTION_FAILED;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_INSUFFICIENT_FUNDS;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_INVALID_RECEIVER;
import static org.fvmreplay.fvm.exitcode.ExitCodes.SYS_OUT_OF_GAS;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * What the executor does once a message has run or been rejected, whatever the FVM generation: the exit code of an
 * execution error, the fee split paid out to burn, miner and sender, and the receipt.
 */
final class MessageSettlement {
    private static final int EVENTS_AMT_BIT_WIDTH = 5;

    private MessageSettlement() {}

    /** The receipt's exit code for a message whose top-level send ended in {@code e}. */
    static int exitCodeOf(ExecutionError e) {
        return switch (e.kind()) {
            case OUT_OF_GAS -> SYS_OUT_OF_GAS;
            case SYSCALL ->
                e.errorNumber() == ErrorNumber.INSUFFICIENT_FUNDS
                        ? SYS_INSUFFICIENT_FUNDS
                        : e.errorNumber() == ErrorNumber.NOT_FOUND ? SYS_INVALID_RECEIVER : SYS_ASSERTION_FAILED;
            case FATAL -> SYS_ASSERTION_FAILED;
        };
    }

    /** A fatal error charges the whole gas limit; the others charge what was used. */
    static boolean chargesWholeLimit(ExecutionError e) {
        return e.kind() == ExecutionError.Kind.FATAL;
    }

    /** Splits the gas the sender deposited ({@code gasCost}) into burns, tip and refund, pays them out, and builds the receipt. */
    static ApplyRet settle(Machine machine, Message message, long senderId, BigInteger gasCost, Execution run) {
        int exitCode = run.exitCode();
        long gasUsed = run.gasUsed();
        GasOutputs out = GasOutputs.compute(
                gasUsed, message.gasLimit(), machine.context().baseFee(), message.gasFeeCap(), message.gasPremium());
        deposit(machine, Machine.BURNT_FUNDS_ACTOR_ID, out.baseFeeBurn());
        deposit(machine, Machine.REWARD_ACTOR_ID, out.minerTip());
        deposit(machine, Machine.BURNT_FUNDS_ACTOR_ID, out.overEstimationBurn());
        deposit(machine, senderId, out.refund());
        if (!out.baseFeeBurn()
                .add(out.overEstimationBurn())
                .add(out.refund())
                .add(out.minerTip())
                .equals(gasCost)) {
            throw new IllegalStateException("gas handling math is wrong");
        }
        return new ApplyRet(
                exitCode,
                run.returnData(),
                gasUsed,
                out.minerPenalty(),
                out.minerTip(),
                out.baseFeeBurn(),
                out.overEstimationBurn(),
                out.refund(),
                run.failure(),
                run.trace(),
                run.eventsRoot(),
                run.events());
    }

    /** The receipt of a message rejected before execution: nothing used, the miner penalised. */
    static ApplyRet prevalidationFail(int exitCode, String reason, BigInteger penalty) {
        return new ApplyRet(
                exitCode,
                new byte[0],
                0,
                penalty,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                reason,
                List.of(),
                Optional.empty(),
                List.of());
    }

    /** The receipt of an implicit message: no fees move. */
    static ApplyRet implicit(Execution run) {
        return new ApplyRet(
                run.exitCode(),
                run.returnData(),
                run.gasUsed(),
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                run.failure(),
                run.trace(),
                run.eventsRoot(),
                run.events());
    }

    /** What running a message's call produced, before fees: the receipt's fields, the failure, events and trace. */
    record Execution(
            int exitCode,
            byte[] returnData,
            long gasUsed,
            String failure,
            List<TraceEntry> trace,
            Optional<Cid> eventsRoot,
            List<CallManager.Event> events) {}

    /**
     * The root of the events AMT of a message's receipt (bit width 5, the v3 AMT format, of {@code StampedEvent}
     * {@code [emitter, event]}), or empty when it emitted none, as ref-fvm's {@code EventsAccumulator::finish}.
     */
    static Optional<Cid> eventsRoot(List<CallManager.Event> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        // the reference builds the AMT over a discarding store: only the root goes into the receipt
        Amt amt = Amt.create(new MemoryBlockstore(), AmtFormat.V3, EVENTS_AMT_BIT_WIDTH);
        long index = 0;
        for (CallManager.Event event : events) {
            amt.set(
                    index++,
                    new CborWriter(event.encoded().length + 16)
                            .writeArrayHeader(2)
                            .writeHead(0, event.emitter())
                            .writeRaw(event.encoded())
                            .toByteArray());
        }
        return Optional.of(amt.flush());
    }

    private static void deposit(Machine machine, long actorId, BigInteger amount) {
        if (amount.signum() < 0) {
            throw new IllegalStateException("attempted to transfer negative value into actor " + actorId);
        }
        if (amount.signum() == 0) {
            return;
        }
        ActorState actor = machine.stateTree()
                .actor(actorId)
                .orElseThrow(() -> new IllegalStateException("failed to lookup actor " + actorId + " for transfer"));
        machine.stateTree()
                .setActor(
                        actorId,
                        new ActorState(
                                actor.code(),
                                actor.head(),
                                actor.sequence(),
                                actor.balance().add(amount),
                                actor.delegatedAddress()));
    }
}
