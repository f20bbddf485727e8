package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.crypto.FilecoinSignatures;
import org.fvmreplay.fvm.gas.SupportedHash;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The FVM v2 kernel (ref-fvm {@code release/v2}, {@code fvm/src/kernel/default.rs}) as its differences from the v3
 * {@link Kernel}: no read-only calls and no block size limit, free balance, address, code and actor-type queries (v3
 * added their charges), the v2 invocation context and base fee, actor addresses derived from the origin's key address,
 * v2's restrictions on creating actors, a flat hashing charge, signers resolved to key addresses, single seal
 * verification. The call manager's {@link org.fvmreplay.fvm.generation.FvmV2 generation} drops the state-access charges.
 */
public final class KernelV2 extends Kernel {
    /** Actors v9's singletons, which {@code create_actor} refuses to instantiate again. */
    private static final List<String> SINGLETON_ACTORS =
            List.of("system", "init", "reward", "cron", "storagepower", "storagemarket", "verifiedregistry");

    private static final Cid EMPTY_ARRAY_CID = Cid.forDagCbor(new byte[] {(byte) 0x80});

    public KernelV2(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger valueReceived) {
        super(callManager, blocks, caller, actorId, method, valueReceived, false);
    }

    // ---- message / network ----

    /** v2's {@code InvocationContext}: value received, caller, receiver, method, epoch, network version (52 bytes). */
    public byte[] invocationContext() {
        ByteBuffer b = ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN);
        putTokenAmount(b, valueReceived());
        b.putLong(caller())
                .putLong(actorId())
                .putLong(method())
                .putLong(context().epoch())
                .putInt(context().network().networkVersion());
        return b.array();
    }

    /** v2's {@code network::base_fee} (v3 moved it into the network context). */
    public BigInteger baseFee() {
        return context().baseFee();
    }

    // ---- self ----

    /** Free in v2 (v3 charges {@code on_self_balance}). */
    @Override
    public BigInteger currentBalance() {
        return self().map(ActorState::balance).orElse(BigInteger.ZERO);
    }

    // ---- ipld ----

    /** v2 has no block size limit (v3 added {@code max_block_size}). */
    @Override
    public int blockCreate(long codec, byte[] data) {
        charge(priceList().onBlockCreate(data.length));
        return blocks().put(new Block(codec, data));
    }

    // ---- actors ----

    /** Free in v2 (v3 charges {@code on_resolve_address}). */
    @Override
    public long resolveAddress(Address address) {
        return callManager()
                .resolveAddress(address)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor not found"));
    }

    /** Free in v2 (v3 charges {@code on_get_actor_code_cid}). */
    @Override
    public Cid actorCodeCid(long id) {
        return callManager()
                .getActor(id)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "target actor not found"))
                .code();
    }

    /** v2's {@code new_actor_address}: the origin's key address, the message nonce and a per-message actor index. */
    @Override
    public Address nextActorAddress() {
        Address origin = callManager().originAddress();
        Address key;
        try {
            key = resolveToKeyAddress(origin, false);
        } catch (ExecutionError e) {
            // the reference makes this error fatal: the origin must be an account
            throw ExecutionError.fatal(
                    "cannot resolve the origin " + origin + " to a key address: " + e.getMessage(), e);
        }
        byte[] address = new CborWriter(64).writeBytes(key.toBytes()).toByteArray();
        ByteBuffer data = ByteBuffer.allocate(address.length + 16);
        data.put(address).putLong(callManager().nonce()).putLong(callManager().nextActorIndex());
        return Address.actorFromData(data.array());
    }

    /**
     * v2's {@code create_actor}: any caller (v3 restricts it to the init actor), built-in non-singleton code only, no
     * delegated address, charged and written by the kernel.
     */
    @Override
    public void createActor(Cid code, long id, Optional<Address> delegated) {
        if (builtinActorType(code) == 0) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "can only create built-in actors");
        }
        if (SINGLETON_ACTORS.stream()
                .anyMatch(name -> callManager().machine().builtinActors().is(code, name))) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "can only have one instance of singleton actors");
        }
        if (callManager().getActor(id).isPresent()) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "Actor address already exists");
        }
        charge(priceList().onCreateActor(false));
        callManager().setActor(id, new ActorState(code, EMPTY_ARRAY_CID, 0, BigInteger.ZERO, Optional.empty()));
    }

    /** Free in v2 (v3 charges {@code on_get_builtin_actor_type}). */
    @Override
    public int builtinActorType(Cid code) {
        return callManager().machine().builtinActors().typeOf(code);
    }

    /** Free in v2 (v3 charges {@code on_get_code_cid_for_type}). */
    @Override
    public Cid codeCidForType(int type) {
        return callManager()
                .machine()
                .builtinActors()
                .codeOfType(type)
                .orElseThrow(() -> ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_ARGUMENT, "tried to resolve CID of unrecognized actor type"));
    }

    // ---- crypto ----

    /** v2 charges a flat price before it looks at the hash code (v3 refuses an unknown code first). */
    @Override
    public byte[] hash(long code, byte[] data) {
        Optional<SupportedHash> supported = SupportedHash.fromMultihashCode(code);
        // the v2 price ignores the hash function, any supported one prices the same
        charge(priceList().onHashing(supported.orElse(SupportedHash.BLAKE2B_256), data.length));
        return digest(
                supported.orElseThrow(
                        () -> ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "unsupported hash code " + code)),
                data);
    }

    /**
     * v2 resolves the signer to its key address first (charging the account state's block open), then verifies; a
     * signer that is not an account is an illegal argument, one that does not exist is not found.
     */
    @Override
    public boolean verifySignature(int signatureType, byte[] signature, Address signer, byte[] plaintext) {
        chargeSignature(signatureType, plaintext.length);
        Address key = resolveToKeyAddress(signer, true);
        return FilecoinSignatures.verify(signatureType, signature, plaintext, key);
    }

    /** v2 still has single seal verification (v3 dropped the syscall). */
    public boolean verifySeal() {
        charge(priceList().onVerifySeal());
        return PROOFS.accepts();
    }

    /** The BLS/secp256k1 address an account actor stands for (the reference's {@code resolve_to_key_addr}). */
    private Address resolveToKeyAddress(Address address, boolean chargeGas) {
        if (address.protocol() == Protocol.BLS || address.protocol() == Protocol.SECP256K1) {
            return address;
        }
        ActorState actor = callManager().machine().stateTree().lookupId(address).stream()
                .boxed()
                .map(id -> callManager().machine().stateTree().actor(id))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() ->
                        ExecutionError.syscall(ErrorNumber.NOT_FOUND, "state tree doesn't contain actor " + address));
        if (!callManager().machine().builtinActors().is(actor.code(), "account")) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "target actor is not an account");
        }
        if (chargeGas) {
            charge(priceList().onBlockOpenBase());
        }
        byte[] state = callManager().machine().blockstore().get(actor.head());
        if (state == null) {
            throw ExecutionError.fatal("account actor state " + actor.head() + " of " + address + " not found");
        }
        if (chargeGas) {
            charge(priceList().onBlockOpenPerByte(state.length));
        }
        try {
            CborReader r = CborReader.strict(state);
            r.readArrayHeader(1);
            return Address.fromBytes(r.readBytes());
        } catch (RuntimeException e) {
            throw ExecutionError.fatal(
                    "failed to decode the account state " + actor.head() + " of " + address + ": " + e.getMessage(), e);
        }
    }
}
