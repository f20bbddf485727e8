package org.fvmreplay.fvm.kernel;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.fvmreplay.fvm.callmanager.CallManagerV2;
import org.fvmreplay.fvm.callmanager.InvocationResult;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.SupportedHash;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The operations one actor invocation may perform under FVM v2 (ref-fvm {@code release/v2}'s {@code DefaultKernel}):
 * like {@link Kernel} but with v2's charges (no state-access charges, flat hashing, free self and actor queries),
 * no read-only mode, events or send gas limits, v2's actor address derivation from the origin's key address and v2's
 * restrictions on creating actors.
 */
public final class KernelV2 implements CryptoKernel {
    /** Actors v9's singletons, which {@code create_actor} refuses to instantiate again. */
    private static final java.util.List<String> SINGLETON_ACTORS = java.util.List.of("system", "init", "reward", "cron", "storagepower", "storagemarket", "verifiedregistry");
    private static final long BLAKE2B_256 = 0xb220;

    private final CallManagerV2 callManager;
    private final BlockRegistry blocks;
    private final CryptoCalls crypto;
    private final long caller;
    private final long actorId;
    private final long method;
    private final BigInteger valueReceived;

    public KernelV2(CallManagerV2 callManager, BlockRegistry blocks, long caller, long actorId, long method, BigInteger valueReceived) {
        this.callManager = requireNonNull(callManager, "callManager");
        this.blocks = requireNonNull(blocks, "blocks");
        this.crypto = new CryptoCalls(priceList(), this::charge);
        this.caller = caller;
        this.actorId = actorId;
        this.method = method;
        this.valueReceived = requireNonNull(valueReceived, "valueReceived");
    }

    @Override
    public BlockRegistry blocks() {
        return blocks;
    }

    @Override
    public GasTracker gasTracker() {
        return callManager.gasTracker();
    }

    @Override
    public PriceList priceList() {
        return callManager.priceList();
    }

    @Override
    public void chargeSyscall() {
        charge(priceList().onSyscall());
    }

    public long actorId() {
        return actorId;
    }

    private MachineContext context() {
        return callManager.machine().context();
    }

    private void charge(GasCharge charge) {
        callManager.chargeGas(charge);
    }

    // ---- message / network ----

    /** v2's {@code InvocationContext}: value received, caller, receiver, method, epoch, network version (52 bytes). */
    public byte[] invocationContext() {
        ByteBuffer b = le(52);
        Kernel.putTokenAmount(b, valueReceived);
        b.putLong(caller).putLong(actorId).putLong(method).putLong(context().epoch()).putInt(context().network().networkVersion());
        return b.array();
    }

    public BigInteger baseFee() {
        return context().baseFee();
    }

    public BigInteger circulatingSupply() {
        return context().circulatingSupply();
    }

    // ---- send ----

    public Kernel.SendResult send(Address recipient, long sendMethod, int paramsId, BigInteger value) {
        Optional<Block> params = paramsId == BlockRegistry.NO_DATA_BLOCK_ID ? Optional.empty() : Optional.of(blocks.get(paramsId));
        if (blocks.isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "cannot store return block");
        }
        InvocationResult result = callManager.withTransaction(() -> callManager.send(actorId, recipient, sendMethod, params, value));
        if (result.exitCode() != 0) {
            return new Kernel.SendResult(result.exitCode(), BlockRegistry.NO_DATA_BLOCK_ID, 0, 0);
        }
        if (result.value().isPresent()) {
            Block block = result.value().get();
            int id;
            try {
                id = blocks.put(block);
            } catch (ExecutionError e) {
                throw ExecutionError.fatal("failed to store a valid return value: " + e.getMessage(), e);
            }
            return new Kernel.SendResult(0, id, block.codec(), block.size());
        }
        return new Kernel.SendResult(0, BlockRegistry.NO_DATA_BLOCK_ID, 0, 0);
    }

    // ---- self ----

    private Optional<ActorState> self() {
        return callManager.machine().stateTree().actor(actorId);
    }

    public Cid root() {
        return self().orElseThrow(() -> ExecutionError.syscall(ErrorNumber.ILLEGAL_OPERATION, "state root requested after actor deletion")).head();
    }

    public void setRoot(Cid root) {
        ActorState state = self().orElseThrow(() -> ExecutionError.syscall(ErrorNumber.ILLEGAL_OPERATION, "actor deleted"));
        callManager.machine().stateTree().setActor(actorId, new ActorState(state.code(), root, state.sequence(), state.balance(), state.delegatedAddress()));
    }

    public BigInteger currentBalance() {
        return self().map(ActorState::balance).orElse(BigInteger.ZERO);
    }

    public void selfDestruct(Address beneficiary) {
        charge(priceList().onDeleteActor());
        BigInteger balance = currentBalance();
        if (balance.signum() != 0) {
            long beneficiaryId = resolveAddress(beneficiary)
                    .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "beneficiary doesn't exist"));
            if (beneficiaryId == actorId) {
                throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "benefactor cannot be beneficiary");
            }
            callManager.transfer(actorId, beneficiaryId, balance);
        }
        callManager.machine().stateTree().deleteActor(actorId);
    }

    // ---- ipld ----

    public Kernel.OpenedBlock blockOpen(Cid cid) {
        charge(priceList().onBlockOpenBase());
        byte[] data = callManager.machine().blockstore().get(cid);
        if (data == null) {
            throw ExecutionError.fatal("missing state: " + cid);
        }
        Block block = new Block(cid.codec(), data);
        charge(priceList().onBlockOpenPerByte(block.size()));
        int id = blocks.put(block);
        return new Kernel.OpenedBlock(id, block.codec(), block.size());
    }

    public int blockCreate(long codec, byte[] data) {
        charge(priceList().onBlockCreate(data.length));
        return blocks.put(new Block(codec, data));
    }

    public Cid blockLink(int id, long hashFunction, long hashLength) {
        if (hashFunction != BLAKE2B_256 || hashLength != 32) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_CID, "cids must be 32-byte blake2b");
        }
        Block block = blocks.get(id);
        charge(priceList().onBlockLink(SupportedHash.BLAKE2B_256, block.size()));
        Cid cid = Cid.compute(block.codec(), BLAKE2B_256, block.data());
        callManager.machine().blockstore().put(cid, block.data());
        return cid;
    }

    /** Copies up to {@code length} bytes from {@code offset}; the remainder is (block length - (offset + length)). */
    public Kernel.ReadResult blockRead(int id, long offset, long length) {
        long end = offset + length;
        if (end > Integer.MAX_VALUE) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "offset plus buffer length did not fit into an i32");
        }
        Block block = blocks.get(id);
        int toRead = (int) Math.min(Math.max(block.size() - offset, 0), length);
        charge(priceList().onBlockRead(toRead));
        byte[] out = new byte[toRead];
        if (toRead > 0) {
            System.arraycopy(block.data(), (int) offset, out, 0, toRead);
        }
        return new Kernel.ReadResult(out, (int) (block.size() - end));
    }

    public Kernel.BlockStat blockStat(int id) {
        charge(priceList().onBlockStat());
        Block block = blocks.get(id);
        return new Kernel.BlockStat(block.codec(), block.size());
    }

    // ---- randomness ----

    public byte[] chainRandomness(long personalization, long epoch, byte[] entropy) {
        charge(priceList().onGetRandomness(entropy.length));
        return drawRandomness(callManager.machine().externs().chainRandomness(epoch), personalization, epoch, entropy);
    }

    public byte[] beaconRandomness(long personalization, long epoch, byte[] entropy) {
        charge(priceList().onGetRandomness(entropy.length));
        return drawRandomness(callManager.machine().externs().beaconRandomness(epoch), personalization, epoch, entropy);
    }

    /** Blake2b-256 of personalization (big-endian), the base randomness, the round (big-endian) and the entropy. */
    private static byte[] drawRandomness(byte[] base, long personalization, long epoch, byte[] entropy) {
        Blake2bDigest digest = new Blake2bDigest(256);
        byte[] head = ByteBuffer.allocate(8).putLong(personalization).array();
        digest.update(head, 0, 8);
        digest.update(base, 0, base.length);
        byte[] round = ByteBuffer.allocate(8).putLong(epoch).array();
        digest.update(round, 0, 8);
        digest.update(entropy, 0, entropy.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    // ---- actors ----

    public OptionalLong resolveAddress(Address address) {
        return callManager.machine().stateTree().lookupId(address);
    }

    public Optional<Cid> actorCodeCid(long id) {
        return callManager.machine().stateTree().actor(id).map(ActorState::code);
    }

    /** v2's {@code new_actor_address}: the origin's key address, the message nonce and a per-message actor index. */
    public Address newActorAddress() {
        Address key;
        try {
            key = resolveToKeyAddress(callManager.origin(), false);
        } catch (ExecutionError e) {
            // the reference makes this error fatal: the origin must be an account
            throw ExecutionError.fatal("cannot resolve the origin " + callManager.origin() + " to a key address: " + e.getMessage(), e);
        }
        byte[] address = new org.fvmreplay.ipld.cbor.CborWriter(64).writeBytes(key.toBytes()).toByteArray();
        ByteBuffer data = ByteBuffer.allocate(address.length + 16);
        data.put(address).putLong(callManager.nonce()).putLong(callManager.nextActorIndex());
        return Address.actorFromData(data.array());
    }

    public void createActor(Cid code, long id) {
        // v2 does not restrict the caller to the init actor
        if (builtinActorType(code) == 0) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "can only create built-in actors");
        }
        if (SINGLETON_ACTORS.stream().anyMatch(name -> callManager.machine().builtinActors().is(code, name))) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "can only have one instance of singleton actors");
        }
        if (callManager.machine().stateTree().actor(id).isPresent()) {
            throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "Actor address already exists");
        }
        charge(priceList().onCreateActor(false));
        callManager.machine().stateTree().setActor(id, new ActorState(code, Cid.forDagCbor(new byte[] {(byte) 0x80}), 0, BigInteger.ZERO, Optional.empty()));
    }

    public int builtinActorType(Cid code) {
        return callManager.machine().builtinActors().typeOf(code);
    }

    public Cid codeCidForType(int type) {
        return callManager.machine().builtinActors().codeOfType(type)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "tried to resolve CID of unrecognized actor type"));
    }

    // ---- crypto ----

    /** v2 charges a flat price before it looks at the hash code. */
    public byte[] hash(long code, byte[] data) {
        Optional<SupportedHash> supported = SupportedHash.fromMultihashCode(code);
        // the v2 price ignores the hash function, any supported one prices the same
        charge(priceList().onHashing(supported.orElse(SupportedHash.BLAKE2B_256), data.length));
        SupportedHash hash = supported.orElseThrow(() -> ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "unsupported hash code " + code));
        Digest digest = switch (hash) {
            case SHA2_256 -> new SHA256Digest();
            case BLAKE2B_256 -> new Blake2bDigest(256);
            case BLAKE2B_512 -> new Blake2bDigest(512);
            case KECCAK_256 -> new KeccakDigest(256);
            case RIPEMD_160 -> new RIPEMD160Digest();
        };
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** Consensus faults are never found, as in the reference conformance harness; the charge is v2's. */
    public void verifyConsensusFault(byte[] h1, byte[] h2, byte[] extra) {
        charge(priceList().onVerifyConsensusFault());
    }

    /**
     * v2 resolves the signer to its key address first (charging the account state's block open), then verifies; a
     * signer that is not an account is an illegal argument, one that does not exist is not found.
     */
    public boolean verifySignature(int signatureType, byte[] signature, Address signer, byte[] plaintext) {
        crypto.chargeSignature(signatureType, plaintext.length);
        return CryptoCalls.verify(signatureType, signature, resolveToKeyAddress(signer, true), plaintext);
    }

    /** The BLS/secp256k1 address an account actor stands for (the reference's {@code resolve_to_key_addr}). */
    private Address resolveToKeyAddress(Address address, boolean chargeGas) {
        if (address.protocol() == Protocol.BLS || address.protocol() == Protocol.SECP256K1) {
            return address;
        }
        ActorState actor = callManager.machine().stateTree().lookupId(address).stream().boxed()
                .map(id -> callManager.machine().stateTree().actor(id))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "state tree doesn't contain actor " + address));
        if (!callManager.machine().builtinActors().is(actor.code(), "account")) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "target actor is not an account");
        }
        if (chargeGas) {
            charge(priceList().onBlockOpenBase());
        }
        byte[] state = callManager.machine().blockstore().get(actor.head());
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
            throw ExecutionError.fatal("failed to decode the account state " + actor.head() + " of " + address + ": " + e.getMessage(), e);
        }
    }

    public byte[] recoverSecpPublicKey(byte[] hash, byte[] signature) {
        return crypto.recoverSecpPublicKey(hash, signature);
    }

    public Cid computeUnsealedSectorCid(long sealProof, java.util.List<org.fvmreplay.fvm.crypto.PieceInfo> pieces) {
        return crypto.computeUnsealedSectorCid(sealProof, pieces);
    }

    /** v2 still has single seal verification (v3 dropped the syscall). */
    public boolean verifySeal() {
        return crypto.verifySeal();
    }

    public boolean verifyPost(org.fvmreplay.fvm.crypto.ProofParams.WindowPost info) {
        return crypto.verifyPost(info);
    }

    public boolean verifyAggregateSeals(org.fvmreplay.fvm.crypto.ProofParams.AggregateSeals aggregate) {
        return crypto.verifyAggregateSeals(aggregate);
    }

    public boolean verifyReplicaUpdate() {
        return crypto.verifyReplicaUpdate();
    }

    public boolean[] batchVerifySeals(int count) {
        return CryptoCalls.batchVerifySeals(count);
    }

    // ---- gas ----

    public void chargeGas(String name, long milligas) {
        gasTracker().charge(name, milligas);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
