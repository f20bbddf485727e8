package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.crypto.BlsSignatures;
import org.fvmreplay.fvm.ipld.LinkScanner;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The FVM v4 kernel (ref-fvm {@code master}, {@code fvm/src/kernel/default.rs}) as the changes it makes to the v3 kernel:
 * FIP-0071 block reachability and link tracking, FIP-0072 events from entry headers, FIP-0073 self-destruct that burns,
 * FIP-0075 randomness digests and tipset CIDs priced by lookback, FIP-0079 BLS aggregate verification.
 */
public class KernelV4 extends Kernel {
    private static final int MAX_EVENT_ENTRIES = 255;
    private static final int MAX_EVENT_KEY_LENGTH = 31;
    private static final int MAX_EVENT_VALUES_LENGTH = 8 << 10;
    private static final long EVENT_FLAGS = 0b11;

    public KernelV4(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger valueReceived,
            boolean readOnly) {
        super(callManager, blocks, caller, actorId, method, valueReceived, readOnly);
    }

    @Override
    protected int registerReturnedBlock(Block block) {
        return blocks().putReachable(block);
    }

    // ---- self ----

    /** The actor's state root, which becomes reachable. */
    @Override
    public Cid root() {
        charge(priceList().onGetRoot());
        Cid root = super.root();
        blocks().markReachable(root);
        return root;
    }

    /** Replaces the state root, which must be reachable ({@code NotFound} otherwise). */
    @Override
    public void setRoot(Cid root) {
        if (readOnly()) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot update the state-root while read-only");
        }
        charge(priceList().onSetRoot());
        if (!blocks().isReachable(root)) {
            throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "new root cid not reachable: " + root);
        }
        super.setRoot(root);
    }

    /**
     * Deletes this actor; a non-zero balance is burnt when {@code burnUnspent}, else the call fails with
     * {@code IllegalOperation} (FIP-0073).
     */
    public void selfDestruct(boolean burnUnspent) {
        if (readOnly()) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot self-destruct when read-only");
        }
        charge(priceList().onDeleteActor());
        BigInteger balance = currentBalance();
        if (balance.signum() != 0) {
            if (!burnUnspent) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_OPERATION, "self-destruct with unspent funds");
            }
            try {
                callManager().transfer(actorId(), Machine.BURNT_FUNDS_ACTOR_ID, balance);
            } catch (ExecutionError e) {
                if (e.kind() == ExecutionError.Kind.SYSCALL) {
                    throw ExecutionError.fatal("failed to burn unspent funds: " + e.getMessage(), e);
                }
                throw e;
            }
        }
        callManager().deleteActor(actorId());
    }

    // ---- ipld ----

    @Override
    public OpenedBlock blockOpen(Cid cid) {
        charge(priceList().onBlockOpenBase());
        if (!blocks().isReachable(cid)) {
            throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "block not reachable: " + cid);
        }
        byte[] data = callManager().machine().blockstore().get(cid);
        if (data == null) {
            throw ExecutionError.fatal("missing reachable state: " + cid);
        }
        List<Cid> children = LinkScanner.scan(cid.codec(), data, priceList(), gasTracker());
        charge(priceList().onBlockOpen(data.length, children.size()));
        Block block = new Block(cid.codec(), data, children);
        int id = blocks().putReachable(block);
        return new OpenedBlock(id, block.codec(), block.size());
    }

    @Override
    public int blockCreate(long codec, byte[] data) {
        if (data.length > context().network().maxBlockSize()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "blocks may not be larger than 1MiB");
        }
        if (!LinkScanner.isAllowedCodec(codec)) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_CODEC, "codec " + codec + " not allowed");
        }
        List<Cid> children = LinkScanner.scan(codec, data, priceList(), gasTracker());
        charge(priceList().onBlockCreate(data.length, children.size()));
        return blocks().putCheckReachable(new Block(codec, data, children));
    }

    /** Links the block as v3 does (the price list adds the v4 link-tracking charge); the new CID becomes reachable. */
    @Override
    public Cid blockLink(int id, long hashFunction, long hashLength) {
        Cid cid = super.blockLink(id, hashFunction, hashLength);
        blocks().markReachable(cid);
        return cid;
    }

    // ---- network and randomness ----

    /** The tipset CID at {@code epoch}, priced by lookback with no finality limit; a failing extern is fatal. */
    @Override
    public Cid tipsetCid(long epoch) {
        charge(priceList().onTipsetCidLookback(tipsetLookback(epoch)));
        try {
            return callManager().machine().externs().tipsetCid(epoch);
        } catch (RuntimeException e) {
            throw ExecutionError.fatal("tipset cid at epoch " + epoch + ": " + e.getMessage(), e);
        }
    }

    /** The chain randomness digest at {@code epoch}, unhashed (actors mix in their own domain tag from v12 on). */
    public byte[] chainRandomness(long epoch) {
        chargeLookback(epoch);
        try {
            return callManager().machine().externs().chainRandomness(epoch);
        } catch (RuntimeException e) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "chain randomness at epoch " + epoch + ": " + e.getMessage());
        }
    }

    /** The beacon randomness digest at {@code epoch}, unhashed. */
    public byte[] beaconRandomness(long epoch) {
        chargeLookback(epoch);
        try {
            return callManager().machine().externs().beaconRandomness(epoch);
        } catch (RuntimeException e) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "beacon randomness at epoch " + epoch + ": " + e.getMessage());
        }
    }

    /**
     * Charges the lookback to {@code epoch}. The reference only fails on overflow; a future epoch gives a negative
     * lookback whose unsigned price exhausts the gas before any extern is asked.
     */
    private void chargeLookback(long epoch) {
        long lookback;
        try {
            lookback = Math.subtractExact(context().epoch(), epoch);
        } catch (ArithmeticException e) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "randomness epoch " + epoch + " is in the future");
        }
        charge(priceList().onGetRandomnessLookback(lookback));
    }

    // ---- crypto ----

    /**
     * FIP-0079: whether {@code signature} aggregates each key's signature of its plaintext; {@code plaintextLengths}
     * splits {@code plaintexts} ({@code IllegalArgument} if they do not add up or the counts differ).
     */
    public boolean verifyBlsAggregate(
            byte[] signature, List<byte[]> publicKeys, byte[] plaintexts, long[] plaintextLengths) {
        if (publicKeys.size() != plaintextLengths.length) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "unequal numbers of bls public keys and plaintexts");
        }
        charge(priceList().onVerifyAggregateSignature(publicKeys.size(), plaintexts.length));
        List<byte[]> messages = new ArrayList<>(plaintextLengths.length);
        long offset = 0;
        for (long length : plaintextLengths) {
            long end = offset + length;
            if (end > plaintexts.length) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "bls signature plaintext out of bounds");
            }
            messages.add(java.util.Arrays.copyOfRange(plaintexts, (int) offset, (int) end));
            offset = end;
        }
        if (offset != plaintexts.length) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "plaintexts buffer length doesn't match");
        }
        return BlsSignatures.verifyAggregate(signature, publicKeys, messages);
    }

    // ---- events ----

    /** One entry header of {@code emit_event}: {@code fvm_shared::sys::EventEntry}, 24 packed bytes. */
    public record EventEntryHeader(long flags, long codec, long keyLength, long valueLength) {}

    /**
     * Emits an event from entry headers and the concatenated keys and values (FIP-0072), checking in the reference's
     * order after charging: entry count, total value length, UTF-8 keys, then per entry flags, key length, value length,
     * bounds and codec, then leftover bytes.
     */
    public void emitEvent(List<EventEntryHeader> headers, byte[] keys, byte[] values) {
        if (readOnly()) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot emit events while read-only");
        }
        charge(priceList().onActorEvent(headers.size(), keys.length, values.length));
        if (headers.size() > MAX_EVENT_ENTRIES) {
            throw ExecutionError.syscall(
                    ErrorNumber.LIMIT_EXCEEDED,
                    "event exceeded max entries: " + headers.size() + " > " + MAX_EVENT_ENTRIES);
        }
        if (values.length > MAX_EVENT_VALUES_LENGTH) {
            throw ExecutionError.syscall(
                    ErrorNumber.LIMIT_EXCEEDED,
                    "total event value lengths exceeded the max size: " + values.length + " > "
                            + MAX_EVENT_VALUES_LENGTH);
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(keys));
        } catch (CharacterCodingException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "invalid event key");
        }
        CborWriter event = new CborWriter(64 + keys.length + values.length);
        // fvm_shared v4's ActorEvent is serde-transparent: the event is the list of its entries
        event.writeArrayHeader(headers.size());
        int keyOffset = 0;
        int valueOffset = 0;
        for (EventEntryHeader header : headers) {
            if ((header.flags() & ~EVENT_FLAGS) != 0) {
                throw ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_ARGUMENT, "event flags are invalid: " + header.flags());
            }
            if (header.keyLength() > MAX_EVENT_KEY_LENGTH) {
                throw ExecutionError.syscall(
                        ErrorNumber.LIMIT_EXCEEDED,
                        "event key exceeded max size: " + header.keyLength() + " > " + MAX_EVENT_KEY_LENGTH);
            }
            if (header.valueLength() > MAX_EVENT_VALUES_LENGTH) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event entry value out of range");
            }
            int keyEnd = keyOffset + (int) header.keyLength();
            if (keyEnd > keys.length || !isCharBoundary(keys, keyOffset) || !isCharBoundary(keys, keyEnd)) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event entry key out of range");
            }
            int valueEnd = valueOffset + (int) header.valueLength();
            if (valueEnd > values.length) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event entry value out of range");
            }
            if (header.codec() != Block.RAW && header.codec() != Block.CBOR) {
                throw ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_CODEC, "event codec must be IPLD_RAW or CBOR, was: " + header.codec());
            }
            event.writeArrayHeader(4)
                    .writeHead(0, header.flags())
                    .writeHead(3, keyEnd - keyOffset)
                    .writeRaw(java.util.Arrays.copyOfRange(keys, keyOffset, keyEnd))
                    .writeHead(0, header.codec())
                    .writeBytes(java.util.Arrays.copyOfRange(values, valueOffset, valueEnd));
            keyOffset = keyEnd;
            valueOffset = valueEnd;
        }
        if (keyOffset != keys.length) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT,
                    "event key buffer length is too large: " + keyOffset + " < " + keys.length);
        }
        if (valueOffset != values.length) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT,
                    "event value buffer length is too large: " + valueOffset + " < " + values.length);
        }
        callManager().appendEvent(actorId(), event.toByteArray());
    }

    /** Rust's {@code str::get} fails on a range that splits a UTF-8 character, which the reference reports as out of range. */
    private static boolean isCharBoundary(byte[] utf8, int index) {
        return index == 0 || index == utf8.length || (utf8[index] & 0xC0) != 0x80;
    }
}
