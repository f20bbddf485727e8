package org.fvmreplay.fvm.kernel;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.callmanager.InvocationResult;
import org.fvmreplay.fvm.crypto.CryptoInputException;
import org.fvmreplay.fvm.crypto.FilecoinSignatures;
import org.fvmreplay.fvm.crypto.PieceInfo;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.fvm.crypto.ProofVerificationPolicy;
import org.fvmreplay.fvm.crypto.Secp256k1;
import org.fvmreplay.fvm.crypto.UnsealedSectorCid;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.RegisteredPoStProof;
import org.fvmreplay.fvm.gas.RegisteredSealProof;
import org.fvmreplay.fvm.gas.SignatureType;
import org.fvmreplay.fvm.gas.SupportedHash;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The operations one actor invocation may perform (the reference's {@code DefaultKernel}, FVM v3): blocks, its own
 * state, other actors, sends, gas, network and message context, randomness, hashing and events. Each charges the
 * reference's gas before acting. FVM v2's kernel ({@link KernelV2}) and v4's ({@link KernelV4}) override what their
 * generation changed. The operations are grouped by capability as ref-fvm's kernel traits are ({@link GasOps},
 * {@link IpldOps}, {@link SelfOps}, {@link ActorOps}, {@link SendOps}, {@link CryptoOps}, {@link RandomnessOps},
 * {@link NetworkOps}, {@link MessageOps}, {@link EventOps}, {@link DebugOps}), so that each syscall namespace binds
 * against only what it uses; this class holds what ref-fvm's base {@code Kernel} trait does: the call manager and the
 * invocation (caller, receiver, method, value, read-only).
 */
public class Kernel
        implements GasOps,
                IpldOps,
                SelfOps,
                ActorOps,
                SendOps,
                CryptoOps,
                RandomnessOps,
                NetworkOps,
                MessageOps,
                EventOps,
                DebugOps {
    private static final long INIT_ACTOR_ID = 1;
    private static final long FINALITY = 900;
    private static final long BLAKE2B_256 = 0xb220;
    /** How proofs are answered: accepted, as the reference conformance harness's kernel does. */
    static final ProofVerificationPolicy PROOFS = ProofVerificationPolicy.ACCEPT_ALL;

    private final CallManager callManager;
    private final BlockRegistry blocks;
    private final long caller;
    private final long actorId;
    private final long method;
    private final BigInteger valueReceived;
    private final boolean readOnly;

    public Kernel(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger valueReceived,
            boolean readOnly) {
        this.callManager = requireNonNull(callManager, "callManager");
        this.blocks = requireNonNull(blocks, "blocks");
        this.caller = caller;
        this.actorId = actorId;
        this.method = method;
        this.valueReceived = valueReceived;
        this.readOnly = readOnly;
    }

    public BlockRegistry blocks() {
        return blocks;
    }

    public GasTracker gasTracker() {
        return callManager.gasTracker();
    }

    public PriceList priceList() {
        return callManager.priceList();
    }

    public long actorId() {
        return actorId;
    }

    protected MachineContext context() {
        return callManager.machine().context();
    }

    protected CallManager callManager() {
        return callManager;
    }

    protected boolean readOnly() {
        return readOnly;
    }

    protected long caller() {
        return caller;
    }

    protected long method() {
        return method;
    }

    protected BigInteger valueReceived() {
        return valueReceived;
    }

    protected void charge(org.fvmreplay.fvm.gas.GasCharge charge) {
        callManager.chargeGas(charge);
    }

    public void chargeSyscall() {
        charge(priceList().onSyscall());
    }

    // ---- send ----

    public SendResult send(
            Address recipient,
            long sendMethod,
            int paramsId,
            BigInteger value,
            OptionalLong gasLimitMilligas,
            boolean readOnlyFlag) {
        boolean ro = readOnly || readOnlyFlag;
        if (ro && value.signum() != 0) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot transfer value when read-only");
        }
        Optional<Block> params =
                paramsId == BlockRegistry.NO_DATA_BLOCK_ID ? Optional.empty() : Optional.of(blocks.get(paramsId));
        if (blocks.isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "cannot store return block");
        }
        InvocationResult result = callManager.send(actorId, recipient, sendMethod, params, value, gasLimitMilligas, ro);
        if (result.value().isPresent()) {
            Block block = result.value().get();
            return new SendResult(result.exitCode(), registerReturnedBlock(block), block.codec(), block.size());
        }
        return new SendResult(result.exitCode(), BlockRegistry.NO_DATA_BLOCK_ID, 0, 0);
    }

    /** Stores a callee's return value in this invocation's registry; FVM v4 makes its links reachable. */
    protected int registerReturnedBlock(Block block) {
        return blocks.put(block);
    }

    // ---- self ----

    protected Optional<ActorState> self() {
        return callManager.getActor(actorId);
    }

    public Cid root() {
        return self().orElseThrow(() -> ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_OPERATION, "state root requested after actor deletion"))
                .head();
    }

    public void setRoot(Cid root) {
        if (readOnly) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot update the state-root while read-only");
        }
        ActorState state =
                self().orElseThrow(() -> ExecutionError.syscall(ErrorNumber.ILLEGAL_OPERATION, "actor deleted"));
        callManager.setActor(
                actorId,
                new ActorState(state.code(), root, state.sequence(), state.balance(), state.delegatedAddress()));
    }

    public BigInteger currentBalance() {
        charge(priceList().onSelfBalance());
        return self().map(ActorState::balance).orElse(BigInteger.ZERO);
    }

    public void selfDestruct(Address beneficiary) {
        if (readOnly) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot self-destruct when read-only");
        }
        charge(priceList().onDeleteActor());
        BigInteger balance = currentBalance();
        if (balance.signum() != 0) {
            long beneficiaryId = resolveAddress(beneficiary);
            if (beneficiaryId == actorId) {
                throw ExecutionError.syscall(ErrorNumber.FORBIDDEN, "benefactor cannot be beneficiary");
            }
            callManager.transfer(actorId, beneficiaryId, balance);
        }
        callManager.deleteActor(actorId);
    }

    // ---- ipld ----

    public OpenedBlock blockOpen(Cid cid) {
        charge(priceList().onBlockOpenBase());
        byte[] data = callManager.machine().blockstore().get(cid);
        if (data == null) {
            throw ExecutionError.fatal("missing state: " + cid);
        }
        Block block = new Block(cid.codec(), data);
        charge(priceList().onBlockOpenPerByte(block.size()));
        int id = blocks.put(block);
        return new OpenedBlock(id, block.codec(), block.size());
    }

    public int blockCreate(long codec, byte[] data) {
        if (data.length > context().network().maxBlockSize()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "blocks may not be larger than 1MiB");
        }
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

    public ReadResult blockRead(int id, long offset, long length) {
        long end = offset + length;
        if (end > Integer.MAX_VALUE) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "offset plus buffer length did not fit into an i32");
        }
        Block block = blocks.get(id);
        int toRead = (int) Math.min(Math.max(block.size() - offset, 0), length);
        charge(priceList().onBlockRead(toRead));
        byte[] out = new byte[toRead];
        if (toRead > 0) {
            System.arraycopy(block.data(), (int) offset, out, 0, toRead);
        }
        return new ReadResult(out, (int) (block.size() - end));
    }

    public BlockStat blockStat(int id) {
        charge(priceList().onBlockStat());
        Block block = blocks.get(id);
        return new BlockStat(block.codec(), block.size());
    }

    // ---- message / network ----

    /** Message context fields in the syscall's layout. */
    public byte[] messageContext() {
        charge(priceList().onMessageContext());
        ByteBuffer b = le(80);
        b.putLong(callManager.origin())
                .putLong(callManager.nonce())
                .putLong(caller)
                .putLong(actorId)
                .putLong(method);
        putTokenAmount(b, valueReceived);
        putTokenAmount(b, callManager.gasPremium());
        b.putLong(readOnly ? 1 : 0);
        return b.array();
    }

    public byte[] networkContext() {
        charge(priceList().onNetworkContext());
        ByteBuffer b = le(44);
        b.putLong(context().epoch()).putLong(context().timestamp());
        putTokenAmount(b, context().baseFee());
        b.putLong(context().network().chainId()).putInt(context().network().networkVersion());
        return b.array();
    }

    public BigInteger circulatingSupply() {
        return context().circulatingSupply();
    }

    public Cid tipsetCid(long epoch) {
        long offset = tipsetLookback(epoch);
        if (offset >= FINALITY) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "epoch " + epoch + " is too far in the past");
        }
        charge(priceList().onTipsetCid(offset > 1));
        throw ExecutionError.fatal("tipset CIDs are not available to this machine (no chain externs)");
    }

    /** How many epochs back the tipset at {@code epoch} lies; a negative, future or current epoch is an illegal argument. */
    protected long tipsetLookback(long epoch) {
        if (epoch < 0) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "epoch is negative");
        }
        long offset = context().epoch() - epoch;
        if (offset < 0) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "epoch " + epoch + " is in the future");
        }
        if (offset == 0) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "cannot lookup the tipset cid for the current epoch");
        }
        return offset;
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

    public long resolveAddress(Address address) {
        charge(priceList().onResolveAddress());
        return callManager
                .resolveAddress(address)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor not found"));
    }

    public Cid actorCodeCid(long id) {
        charge(priceList().onGetActorCodeCid());
        return callManager
                .getActor(id)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor not found"))
                .code();
    }

    public Address nextActorAddress() {
        return callManager.nextActorAddress();
    }

    public void createActor(Cid code, long id, Optional<Address> delegated) {
        if (actorId != INIT_ACTOR_ID) {
            throw ExecutionError.syscall(
                    ErrorNumber.FORBIDDEN, "create_actor is restricted to InitActor. Called by " + actorId);
        }
        if (readOnly) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "create_actor cannot be called while read-only");
        }
        callManager.createActor(code, id, delegated);
    }

    public int builtinActorType(Cid code) {
        charge(priceList().onGetBuiltinActorType());
        return callManager.machine().builtinActors().typeOf(code);
    }

    public Cid codeCidForType(int type) {
        charge(priceList().onGetCodeCidForType());
        return callManager
                .machine()
                .builtinActors()
                .codeOfType(type)
                .orElseThrow(() -> ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_ARGUMENT, "tried to resolve CID of unrecognized actor type"));
    }

    public BigInteger balanceOf(long id) {
        charge(priceList().onBalanceOf());
        return callManager
                .getActor(id)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor not found"))
                .balance();
    }

    public Optional<Address> lookupDelegatedAddress(long id) {
        charge(priceList().onLookupDelegatedAddress());
        return callManager
                .getActor(id)
                .orElseThrow(() -> ExecutionError.syscall(ErrorNumber.NOT_FOUND, "actor not found"))
                .delegatedAddress();
    }

    // ---- crypto ----

    public byte[] hash(long code, byte[] data) {
        SupportedHash hash = SupportedHash.fromMultihashCode(code)
                .orElseThrow(
                        () -> ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "unsupported hash code " + code));
        charge(priceList().onHashing(hash, data.length));
        return digest(hash, data);
    }

    /** {@code data}'s digest under {@code hash}, uncharged. */
    protected static byte[] digest(SupportedHash hash, byte[] data) {
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

    /** Consensus faults are never found, as in the reference conformance harness; the charge is the reference's. */
    public void verifyConsensusFault(byte[] h1, byte[] h2, byte[] extra) {
        charge(priceList().onVerifyConsensusFault());
    }

    /**
     * Verifies a signature of a key address (f1/f3), after charging for it. Malformed signatures and keys verify false;
     * any other address protocol is an illegal argument (as the reference kernel).
     */
    public boolean verifySignature(int signatureType, byte[] signature, Address signer, byte[] plaintext) {
        chargeSignature(signatureType, plaintext.length);
        if (signer.protocol() != Protocol.SECP256K1 && signer.protocol() != Protocol.BLS) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "address protocol " + signer.protocol() + " not supported");
        }
        return FilecoinSignatures.verify(signatureType, signature, plaintext, signer);
    }

    /** Charges the signature price (before anything else, as every generation does). */
    void chargeSignature(int signatureType, int plaintextLength) {
        SignatureType priced = signatureType == FilecoinSignatures.BLS ? SignatureType.BLS : SignatureType.SECP256K1;
        charge(priceList().onVerifySignature(priced, plaintextLength));
    }

    /** The uncompressed secp256k1 public key that produced {@code signature} over {@code hash}. */
    public byte[] recoverSecpPublicKey(byte[] hash, byte[] signature) {
        charge(priceList().onRecoverSecpPublicKey());
        try {
            return Secp256k1.recoverPublicKey(hash, signature);
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "public key recovery failed: " + e.getMessage());
        }
    }

    /** CommD of a sector of {@code sealProof} holding {@code pieces}. */
    public Cid computeUnsealedSectorCid(long sealProof, List<PieceInfo> pieces) {
        charge(priceList().onComputeUnsealedSectorCid());
        try {
            return UnsealedSectorCid.compute(sealProof, pieces);
        } catch (CryptoInputException e) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "computing unsealed sector CID: " + e.getMessage());
        }
    }

    /** Window PoSt: charged, then answered by the proof policy (the conformance harness accepts it). */
    public boolean verifyPost(ProofParams.WindowPost info) {
        RegisteredPoStProof type = info.firstProofType().stream()
                .boxed()
                .flatMap(code -> Arrays.stream(RegisteredPoStProof.values()).filter(p -> p.code() == code))
                .findFirst()
                .orElse(RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1);
        charge(priceList().onVerifyPost(type, info.challengedSectorCount()));
        return PROOFS.accepts();
    }

    /** Aggregate seal proofs: charged, then answered by the proof policy. */
    public boolean verifyAggregateSeals(ProofParams.AggregateSeals aggregate) {
        RegisteredSealProof type = Arrays.stream(RegisteredSealProof.values())
                .filter(p -> p.code() == aggregate.sealProof())
                .findFirst()
                .orElse(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1);
        charge(priceList().onVerifyAggregateSeals(type, aggregate.sectorCount()));
        return PROOFS.accepts();
    }

    /** Replica update proofs: charged, then answered by the proof policy. */
    public boolean verifyReplicaUpdate() {
        charge(priceList().onVerifyReplicaUpdate());
        return PROOFS.accepts();
    }

    /** One answer per seal, uncharged: the power actor paid when it queued them (the harness charges nothing either). */
    public boolean[] batchVerifySeals(int count) {
        boolean[] out = new boolean[count];
        Arrays.fill(out, PROOFS.accepts());
        return out;
    }

    // ---- events ----

    public void emitEvent(byte[] raw) {
        if (readOnly) {
            throw ExecutionError.syscall(ErrorNumber.READ_ONLY, "cannot emit events while read-only");
        }
        charge(priceList().onActorEventValidate(raw.length));
        if (raw.length > (1 << 20)) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event WAY too large");
        }
        // ActorEvent is #[serde(transparent)]: the bare list of entries, each [flags, key, codec, value]. The reference
        // decodes the whole event (failure: IllegalArgument), then validates it.
        record Entry(long flags, int keyLength, long codec, int valueLength) {}
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        try {
            CborReader r = CborReader.strict(raw);
            int count = r.readArrayHeader();
            for (int i = 0; i < count; i++) {
                r.readArrayHeader(4);
                long flags = r.readUnsigned64();
                String key = r.readText();
                long codec = r.readUnsigned64();
                byte[] value = r.readBytes();
                entries.add(new Entry(
                        flags, key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, codec, value.length));
            }
            r.expectEnd();
        } catch (org.fvmreplay.ipld.cbor.CborException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "bad event: " + e.getMessage());
        }
        if (entries.size() > 256) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event exceeded max entries");
        }
        long indexedElements = 0;
        long indexedBytes = 0;
        long totalValue = 0;
        for (Entry entry : entries) {
            if (entry.keyLength() > 32) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event key exceeded max size");
            }
            if (entry.codec() != Block.RAW) {
                throw ExecutionError.syscall(
                        ErrorNumber.ILLEGAL_CODEC, "event codec must be IPLD_RAW, was: " + entry.codec());
            }
            totalValue += entry.valueLength();
            if ((entry.flags() & 0b01) != 0) {
                indexedElements++;
                indexedBytes += entry.keyLength();
            }
            if ((entry.flags() & 0b10) != 0) {
                indexedElements++;
                indexedBytes += entry.valueLength();
            }
        }
        if (totalValue > (8 << 10)) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "event total values exceeded max size");
        }
        charge(priceList().onActorEventAccept(indexedElements, indexedBytes, raw.length));
        callManager.appendEvent(actorId, raw);
    }

    // ---- gas ----

    public void chargeGas(String name, long milligas) {
        gasTracker().charge(name, milligas);
    }

    // ---- debug ----

    /**
     * Off: this VM keeps no debug logs or artifacts, as the reference with {@code actor_debugging} off (its default), whose
     * {@code debug::log} and {@code debug::store_artifact} then do nothing.
     */
    public boolean debugEnabled() {
        return false;
    }

    // ---- helpers ----

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** fvm_shared's u128 token amount layout: low 64 bits then high 64 bits. */
    public static void putTokenAmount(ByteBuffer b, BigInteger amount) {
        if (amount.signum() < 0 || amount.bitLength() > 128) {
            throw ExecutionError.fatal("token amount " + amount + " exceeds u128");
        }
        b.putLong(amount.longValue());
        b.putLong(amount.shiftRight(64).longValue());
    }
}
