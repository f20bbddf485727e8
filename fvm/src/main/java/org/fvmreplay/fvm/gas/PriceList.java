package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;
import static org.fvmreplay.fvm.gas.FvmGeneration.V2;
import static org.fvmreplay.fvm.gas.FvmGeneration.V3;
import static org.fvmreplay.fvm.gas.FvmGeneration.V4;
import static org.fvmreplay.fvm.gas.GasMath.add;
import static org.fvmreplay.fvm.gas.GasMath.multiply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gas prices of one reference price list (e.g. {@code SKYR_PRICES}) and the charges computed from them, each named and
 * split into compute and other milligas exactly as the reference's {@code on_*} functions do.
 * <p>
 * One type covers the three FVM generations: it holds the entries of its {@linkplain #generation() generation} (see
 * {@link PriceEntry#usedBy}) in a map keyed by entry, so price list files, overrides and field-by-field comparisons treat
 * every entry alike, and each charge method applies its generation's formula. We chose this over one class per generation
 * because the structs share most of their entries and most charges keep their names and signatures; a charge that exists
 * in only some generations (e.g. {@link #onActorLookup()} in v3 and v4, the two-argument {@link #onMethodInvocation(boolean,
 * long)} in v2, {@link #onMethodInvocation(long, long)} in v4) throws {@link UnsupportedOperationException} on a list of
 * another. Charges v4 changed the arguments of ({@code on_method_invocation}, {@code on_method_return},
 * {@code on_get_randomness}, {@code on_tipset_cid}, {@code on_block_open}, {@code on_block_create}) are separate methods.
 * <p>
 * Sizes and counts must be non-negative. Arithmetic saturates like the reference's {@code Gas}.
 */
public final class PriceList {
    // the reference's bound on the CBOR overhead of a StampedEvent (tuple header, emitter id, entry array header) and
    // of one
    // event entry (tuple header, flags, key header, codec, value header), in bytes
    private static final long EVENT_OVERHEAD = 12;
    private static final long EVENT_ENTRY_OVERHEAD = 9;

    private final String name;
    private final FvmGeneration generation;
    private final Map<PriceEntry, Object> values;

    PriceList(String name, FvmGeneration generation, Map<PriceEntry, Object> values) {
        this.name = requireNonNull(name, "name is null");
        this.generation = requireNonNull(generation, "generation is null");
        requireNonNull(values, "values is null");
        List<String> missing = new ArrayList<>();
        for (PriceEntry entry : PriceEntry.entriesOf(generation)) {
            if (!values.containsKey(entry)) {
                missing.add(entry.referenceName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "price list " + name + " (" + generation.fileName() + ") lacks entries " + missing);
        }
        for (PriceEntry entry : values.keySet()) {
            if (!entry.usedBy(generation)) {
                throw new IllegalArgumentException("price list " + name + ": entry " + entry.referenceName()
                        + " is not part of " + generation.fileName() + " price lists");
            }
        }
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** The reference's constant name, e.g. {@code HYGGE_PRICES}, possibly followed by a note on overrides. */
    public String name() {
        return name;
    }

    public FvmGeneration generation() {
        return generation;
    }

    /** The entries this list holds (those of its generation). */
    public Set<PriceEntry> entries() {
        return values.keySet();
    }

    /** The value of {@code entry}: a {@code Long}, {@link ScalingCost}, unmodifiable map or list according to its kind. */
    public Object value(PriceEntry entry) {
        requireNonNull(entry, "entry is null");
        Object value = values.get(entry);
        if (value == null) {
            throw new IllegalArgumentException(
                    "price list " + name + " (" + generation.fileName() + ") has no entry " + entry.referenceName());
        }
        return value;
    }

    /** A {@link PriceEntryKind#GAS} entry in milligas, or the {@link PriceEntryKind#MULTIPLIER}. */
    public long gas(PriceEntry entry) {
        return (Long) typed(entry, PriceEntryKind.GAS, PriceEntryKind.MULTIPLIER);
    }

    public ScalingCost scaling(PriceEntry entry) {
        return (ScalingCost) typed(entry, PriceEntryKind.SCALING, PriceEntryKind.SCALING);
    }

    /** {@code verify_aggregate_seal_per}, milligas per proof type. */
    @SuppressWarnings("unchecked")
    public Map<RegisteredSealProof, Long> verifyAggregateSealPer() {
        return (Map<RegisteredSealProof, Long>) value(PriceEntry.VERIFY_AGGREGATE_SEAL_PER);
    }

    @SuppressWarnings("unchecked")
    public Map<RegisteredSealProof, StepCost> verifyAggregateSealSteps() {
        return (Map<RegisteredSealProof, StepCost>) value(PriceEntry.VERIFY_AGGREGATE_SEAL_STEPS);
    }

    @SuppressWarnings("unchecked")
    public Map<RegisteredPoStProof, ScalingCost> verifyPostLookup() {
        return (Map<RegisteredPoStProof, ScalingCost>) value(PriceEntry.VERIFY_POST_LOOKUP);
    }

    /** FVM v3 and v4 {@code sig_cost}. */
    @SuppressWarnings("unchecked")
    public Map<SignatureType, ScalingCost> signatureCost() {
        return (Map<SignatureType, ScalingCost>) value(PriceEntry.SIG_COST);
    }

    /** FVM v3 and v4 {@code hashing_cost}. */
    @SuppressWarnings("unchecked")
    public Map<SupportedHash, ScalingCost> hashingCost() {
        return (Map<SupportedHash, ScalingCost>) value(PriceEntry.HASHING_COST);
    }

    /** FVM v3 and v4 {@code preloaded_actors}: actor ids whose state updates are free (FIP-0055). */
    @SuppressWarnings("unchecked")
    public List<Long> preloadedActors() {
        return (List<Long>) value(PriceEntry.PRELOADED_ACTORS);
    }

    /** The WebAssembly instruction prices of this list. */
    public WasmGasPrices wasmGasPrices() {
        if (generation == V2) {
            return new WasmGasPrices(V2, gas(PriceEntry.WASM_EXEC_INSTRUCTION_COST), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        // v4 keeps v3's instruction prices and rules; its extra wasm_rules.host_call_cost is the syscall charge
        // (onSyscall)
        return new WasmGasPrices(
                generation,
                0,
                gas(PriceEntry.WASM_INSTRUCTION_DEFAULT),
                gas(PriceEntry.WASM_MATH_DEFAULT),
                gas(PriceEntry.WASM_JUMP_UNCONDITIONAL),
                gas(PriceEntry.WASM_JUMP_CONDITIONAL),
                gas(PriceEntry.WASM_JUMP_INDIRECT),
                gas(PriceEntry.WASM_CALL),
                gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST),
                gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST),
                gas(PriceEntry.WASM_MEMORY_ACCESS_COST),
                gas(PriceEntry.WASM_MEMORY_COPY_PER_BYTE_COST));
    }

    Map<PriceEntry, Object> values() {
        return values;
    }

    // ---- charges of every generation (formulas differ) ----

    /** {@code on_chain_message}: storing a message of {@code messageSize} bytes (v3 and v4 add the sender's actor update). */
    public GasCharge onChainMessage(long messageSize) {
        checkSize(messageSize);
        if (generation == V2) {
            long storage = add(
                    gas(PriceEntry.ON_CHAIN_MESSAGE_STORAGE_BASE),
                    multiply(gas(PriceEntry.ON_CHAIN_MESSAGE_STORAGE_PER_BYTE), messageSize));
            return charge(
                    "OnChainMessage", gas(PriceEntry.ON_CHAIN_MESSAGE_COMPUTE_BASE), multiply(storage, multiplier()));
        }
        return charge(
                "OnChainMessage",
                scaling(PriceEntry.ON_CHAIN_MESSAGE_COMPUTE).apply(messageSize),
                add(
                        gas(PriceEntry.ACTOR_UPDATE),
                        scaling(PriceEntry.ON_CHAIN_MESSAGE_STORAGE).apply(messageSize)));
    }

    /**
     * {@code on_chain_return_value} (v2), or {@code on_method_return} at call depth 1 (v3, v4): storing a top-level return
     * value of {@code dataSize} bytes.
     */
    public GasCharge onChainReturnValue(long dataSize) {
        checkSize(dataSize);
        if (generation == V2) {
            return charge(
                    "OnChainReturnValue",
                    0,
                    multiply(multiply(gas(PriceEntry.ON_CHAIN_RETURN_VALUE_PER_BYTE), dataSize), multiplier()));
        }
        return charge(
                "OnChainReturnValue",
                scaling(PriceEntry.ON_CHAIN_RETURN_COMPUTE).apply(dataSize),
                scaling(PriceEntry.ON_CHAIN_RETURN_STORAGE).apply(dataSize));
    }

    /**
     * The overhead of any syscall: {@code on_syscall} ({@code syscall_cost}) in v2 and v3; in v4 the syscall linker's
     * {@code charge_syscall_gas}, which charges {@code wasm_rules.host_call_cost} under the same name.
     */
    public GasCharge onSyscall() {
        return charge("OnSyscall", gas(generation == V4 ? PriceEntry.WASM_HOST_CALL_COST : PriceEntry.SYSCALL_COST), 0);
    }

    /**
     * {@code on_create_actor}. In v3 and v4 {@code newAddress} (an address is assigned explicitly) adds the address
     * assignment and lookup; v2 has no such parameter and ignores it.
     */
    public GasCharge onCreateActor(boolean newAddress) {
        if (generation == V2) {
            return charge(
                    "OnCreateActor",
                    gas(PriceEntry.CREATE_ACTOR_COMPUTE),
                    multiply(gas(PriceEntry.CREATE_ACTOR_STORAGE), multiplier()));
        }
        long storage = gas(PriceEntry.ACTOR_CREATE_STORAGE);
        if (newAddress) {
            storage = add(storage, add(gas(PriceEntry.ADDRESS_ASSIGNMENT), gas(PriceEntry.ADDRESS_LOOKUP)));
        }
        return charge("OnCreateActor", 0, storage);
    }

    /** {@code on_delete_actor}: a (negative) refund in v2, free in v3 and v4. */
    public GasCharge onDeleteActor() {
        if (generation == V2) {
            return charge("OnDeleteActor", 0, multiply(gas(PriceEntry.DELETE_ACTOR), multiplier()));
        }
        return charge("OnDeleteActor", 0, 0);
    }

    /** {@code on_verify_signature}; v3 and v4 scale with the signed data's length in bytes, v2 ignores it. */
    public GasCharge onVerifySignature(SignatureType type, long dataLength) {
        requireNonNull(type, "type is null");
        checkSize(dataLength);
        if (generation == V2) {
            long cost = type == SignatureType.BLS ? gas(PriceEntry.BLS_SIG_COST) : gas(PriceEntry.SECP256K1_SIG_COST);
            return charge("OnVerifySignature", cost, 0);
        }
        return charge("OnVerifySignature", signatureCost().get(type).apply(dataLength), 0);
    }

    /** {@code on_recover_secp_public_key}. */
    public GasCharge onRecoverSecpPublicKey() {
        return charge("OnRecoverSecpPublicKey", gas(PriceEntry.SECP256K1_RECOVER_COST), 0);
    }

    /** {@code on_hashing} of {@code dataLength} bytes; v3 and v4 price per hash function and byte, v2 charges a flat {@code hashing_base}. */
    public GasCharge onHashing(SupportedHash hash, long dataLength) {
        requireNonNull(hash, "hash is null");
        checkSize(dataLength);
        if (generation == V2) {
            return charge("OnHashing", gas(PriceEntry.HASHING_BASE), 0);
        }
        return charge("OnHashing", hashingCost().get(hash).apply(dataLength), 0);
    }

    /** {@code on_compute_unsealed_sector_cid} (the proof type and pieces do not affect the price). */
    public GasCharge onComputeUnsealedSectorCid() {
        return charge("OnComputeUnsealedSectorCid", gas(PriceEntry.COMPUTE_UNSEALED_SECTOR_CID_BASE), 0);
    }

    /** {@code on_verify_seal}, charged once per seal of a batch. */
    public GasCharge onVerifySeal() {
        return charge("OnVerifySeal", gas(PriceEntry.VERIFY_SEAL_BASE), 0);
    }

    /**
     * {@code on_verify_aggregate_seals} of {@code count} seals: per-proof price times count plus a step by count; types the
     * list does not price (e.g. NI-PoRep before {@code TEEP_PRICES}) are priced as 32GiB V1P1.
     */
    public GasCharge onVerifyAggregateSeals(RegisteredSealProof proofType, long count) {
        requireNonNull(proofType, "proofType is null");
        checkSize(count);
        Long perProof = verifyAggregateSealPer().get(proofType);
        if (perProof == null) {
            perProof = verifyAggregateSealPer().get(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1);
        }
        StepCost steps = verifyAggregateSealSteps().get(proofType);
        if (steps == null) {
            steps = verifyAggregateSealSteps().get(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1);
        }
        return charge("OnVerifyAggregateSeals", add(multiply(perProof, count), steps.lookup(count)), 0);
    }

    /** {@code on_verify_replica_update}. */
    public GasCharge onVerifyReplicaUpdate() {
        return charge("OnVerifyReplicaUpdate", gas(PriceEntry.VERIFY_REPLICA_UPDATE), 0);
    }

    /**
     * {@code on_verify_post} of {@code challengedSectors} sectors: {@code proofType} is the type of the first proof. When there
     * is none, and for types missing from the table, the reference uses {@link RegisteredPoStProof#STACKED_DRG_WINDOW_512MIB_V1}
     * (v2, v3) or {@link RegisteredPoStProof#STACKED_DRG_WINDOW_512MIB_V1_P1} (v4, which has no V1 window types).
     */
    public GasCharge onVerifyPost(RegisteredPoStProof proofType, long challengedSectors) {
        requireNonNull(proofType, "proofType is null");
        checkSize(challengedSectors);
        return charge("OnVerifyPost", postCost(proofType).apply(challengedSectors), 0);
    }

    /** {@code on_verify_consensus_fault}: compute (with the extern cost) in v2, other in v3 and v4. */
    public GasCharge onVerifyConsensusFault() {
        if (generation == V2) {
            return charge(
                    "OnVerifyConsensusFault",
                    add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.VERIFY_CONSENSUS_FAULT)),
                    0);
        }
        return charge("OnVerifyConsensusFault", 0, gas(PriceEntry.VERIFY_CONSENSUS_FAULT));
    }

    /** {@code on_block_open_base}: opening a block, before its size is known (v4 adds checking the CID's reachability). */
    public GasCharge onBlockOpenBase() {
        if (generation == V2) {
            return charge("OnBlockOpenBase", add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.BLOCK_OPEN_BASE)), 0);
        }
        long compute = generation == V4 ? gas(PriceEntry.IPLD_LINK_CHECKED) : 0;
        return charge("OnBlockOpenBase", compute, scaling(PriceEntry.BLOCK_OPEN).flatMilligas());
    }

    /** {@code on_block_read}: copying {@code dataSize} bytes of an open block into actor memory. */
    public GasCharge onBlockRead(long dataSize) {
        checkSize(dataSize);
        if (generation == V2) {
            return charge(
                    "OnBlockRead",
                    add(
                            gas(PriceEntry.BLOCK_READ_BASE),
                            multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize)),
                    0);
        }
        return charge("OnBlockRead", scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize), 0);
    }

    /**
     * {@code on_block_link}: committing a block of {@code dataSize} bytes to the state store; v3 and v4 also price hashing it
     * with {@code hash} (v2 ignores it), and v4 adds tracking the new CID as reachable.
     */
    public GasCharge onBlockLink(SupportedHash hash, long dataSize) {
        requireNonNull(hash, "hash is null");
        checkSize(dataSize);
        if (generation == V2) {
            long memcpy = multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize);
            // two copies: registry to buffered store, buffered store to the node's store
            long compute = add(gas(PriceEntry.BLOCK_LINK_BASE), multiply(memcpy, 2));
            long storage = multiply(multiply(gas(PriceEntry.BLOCK_LINK_STORAGE_PER_BYTE_COST), multiplier()), dataSize);
            return charge("OnBlockLink", compute, storage);
        }
        long compute = add(
                add(
                        scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize),
                        scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                hashingCost().get(hash).apply(dataSize));
        if (generation == V4) {
            compute = add(compute, gas(PriceEntry.IPLD_LINK_TRACKED));
        }
        long other = add(
                gas(PriceEntry.BLOCK_PERSIST_COMPUTE),
                scaling(PriceEntry.BLOCK_PERSIST_STORAGE).apply(dataSize));
        return charge("OnBlockLink", compute, other);
    }

    /** {@code on_block_stat}. */
    public GasCharge onBlockStat() {
        if (generation == V2) {
            return charge("OnBlockStat", gas(PriceEntry.BLOCK_STAT_BASE), 0);
        }
        return charge("OnBlockStat", 0, 0);
    }

    // ---- FVM v2 and v3: replaced in v4 ----

    /**
     * {@code on_get_randomness} (v2, v3) for {@code entropySize} bytes of entropy (v3 prices the Blake2b of 48 bytes plus the
     * entropy). FVM v4 charges {@link #onGetRandomnessLookback} instead.
     */
    public GasCharge onGetRandomness(long entropySize) {
        requireGeneration("on_get_randomness(entropy_size)", "onGetRandomnessLookback(lookback)", V2, V3);
        checkSize(entropySize);
        if (generation == V2) {
            long compute = add(
                    add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.GET_RANDOMNESS_BASE)),
                    multiply(gas(PriceEntry.GET_RANDOMNESS_PER_BYTE), entropySize));
            return charge("OnGetRandomness", compute, 0);
        }
        // domain separation tag (8) + VRF digest (32) + round (8) are hashed along with the entropy
        long hashed = add(entropySize, 8 + 32 + 8);
        long other = add(
                gas(PriceEntry.GET_RANDOMNESS_SEED),
                hashingCost().get(SupportedHash.BLAKE2B_256).apply(hashed));
        return charge("OnGetRandomness", 0, other);
    }

    /** {@code on_block_open_per_byte} (v2, v3) for a block of {@code dataSize} bytes; v3 charges at least the memory retention minimum. */
    public GasCharge onBlockOpenPerByte(long dataSize) {
        requireGeneration("on_block_open_per_byte(data_size)", "onBlockOpen(dataSize, links)", V2, V3);
        checkSize(dataSize);
        if (generation == V2) {
            long compute = add(
                    multiply(gas(PriceEntry.BLOCK_OPEN_MEMRET_PER_BYTE_COST), dataSize),
                    multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize));
            return charge("OnBlockOpenPerByte", compute, 0);
        }
        long compute = add(
                scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize),
                scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize));
        long blockOpen = multiply(scaling(PriceEntry.BLOCK_OPEN).scaleMilligas(), dataSize);
        long retentionMinimum =
                scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize);
        long surcharge = GasMath.subtractToZero(retentionMinimum, add(compute, blockOpen));
        return charge("OnBlockOpenPerByte", compute, add(blockOpen, surcharge));
    }

    /** {@code on_block_create} (v2, v3): adding a block of {@code dataSize} bytes to the FVM's block registry. */
    public GasCharge onBlockCreate(long dataSize) {
        requireGeneration("on_block_create(data_size)", "onBlockCreate(dataSize, links)", V2, V3);
        checkSize(dataSize);
        if (generation == V2) {
            long memory = add(
                    multiply(gas(PriceEntry.BLOCK_CREATE_MEMRET_PER_BYTE_COST), dataSize),
                    multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize));
            return charge("OnBlockCreate", add(gas(PriceEntry.BLOCK_CREATE_BASE), memory), 0);
        }
        long compute = add(
                scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize),
                scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize));
        long surcharge = GasMath.subtractToZero(
                scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize), compute);
        return charge("OnBlockCreate", compute, surcharge);
    }

    // ---- FVM v2 only ----

    /** v2 {@code on_method_invocation}: send base, plus transfer (and transfer-only premium for method 0), plus invoke. */
    public GasCharge onMethodInvocation(boolean nonZeroValue, long methodNumber) {
        requireGeneration("on_method_invocation(value, method_num)", null, V2);
        long gas = gas(PriceEntry.SEND_BASE);
        boolean isSend = methodNumber == 0;
        if (nonZeroValue) {
            gas = add(gas, gas(PriceEntry.SEND_TRANSFER_FUNDS));
            if (isSend) {
                gas = add(gas, gas(PriceEntry.SEND_TRANSFER_ONLY_PREMIUM));
            }
        }
        if (!isSend) {
            gas = add(gas, gas(PriceEntry.SEND_INVOKE_METHOD));
        }
        return charge("OnMethodInvocation", gas, 0);
    }

    // ---- FVM v3 only ----

    /** v3 {@code on_method_invocation}. */
    public GasCharge onMethodInvocation() {
        requireGeneration("on_method_invocation()", "onMethodInvocation(paramSize, paramLinks)", V3);
        return charge("OnMethodInvocation", gas(PriceEntry.SEND_INVOKE_METHOD), 0);
    }

    /** v3 {@code on_method_return} of {@code dataSize} bytes: charged only for the top-level call (depth 1). */
    public Optional<GasCharge> onMethodReturn(int callDepth, long dataSize) {
        requireGeneration(
                "on_method_return(call_depth, return_size)", "onMethodReturn(callDepth, dataSize, returnLinks)", V3);
        return callDepth == 1 ? Optional.of(onChainReturnValue(dataSize)) : Optional.empty();
    }

    /** v3 {@code on_tipset_cid}: {@code lookback} for a tipset older than the latest. */
    public GasCharge onTipsetCid(boolean lookback) {
        requireGeneration("on_tipset_cid(lookback: bool)", "onTipsetCidLookback(lookback)", V3);
        return charge(
                "OnTipsetCid", 0, gas(lookback ? PriceEntry.TIPSET_CID_HISTORICAL : PriceEntry.TIPSET_CID_LATEST));
    }

    /** v3 {@code on_actor_event_validate}: validating an emitted event of {@code dataSize} encoded bytes. */
    public GasCharge onActorEventValidate(long dataSize) {
        requireGeneration("on_actor_event_validate", "onActorEvent(entries, keySize, valueSize)", V3);
        checkSize(dataSize);
        long compute = add(
                add(
                        scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize),
                        scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                scaling(PriceEntry.EVENT_VALIDATION_COST).apply(dataSize));
        return charge("OnActorEventValidate", compute, 0);
    }

    /**
     * v3 {@code on_actor_event_accept}. The caller counts, over the event's entries, the indexed elements (one per entry with
     * the indexed-key flag, one more per entry with the indexed-value flag) and the bytes of those indexed keys and values;
     * {@code serializedLength} is the encoded event's length in bytes.
     */
    public GasCharge onActorEventAccept(long indexedElements, long indexedBytes, long serializedLength) {
        requireGeneration("on_actor_event_accept", "onActorEvent(entries, keySize, valueSize)", V3);
        checkSize(indexedElements);
        checkSize(indexedBytes);
        checkSize(serializedLength);
        // the StampedEvent adds the emitter id and CBOR framing to the serialized event
        long stampedSize = add(serializedLength, 12);
        long memcpy = scaling(PriceEntry.BLOCK_MEMCPY).apply(stampedSize);
        long alloc = scaling(PriceEntry.BLOCK_ALLOCATE).apply(stampedSize);
        long hash = hashingCost().get(SupportedHash.BLAKE2B_256).apply(stampedSize);
        ScalingCost index = scaling(PriceEntry.EVENT_ACCEPT_PER_INDEX_ELEMENT);
        long other =
                add(multiply(index.flatMilligas(), indexedElements), multiply(index.scaleMilligas(), indexedBytes));
        // deferred copies, allocation and AMT hashing are charged as "other", as in the reference
        other = add(add(add(other, multiply(memcpy, 2)), alloc), hash);
        return charge("OnActorEventAccept", add(memcpy, alloc), other);
    }

    // ---- FVM v3 and v4 ----

    /** {@code on_value_transfer}. */
    public GasCharge onValueTransfer() {
        requireGeneration("on_value_transfer", null, V3, V4);
        return charge("OnValueTransfer", gas(PriceEntry.SEND_TRANSFER_FUNDS), 0);
    }

    public GasCharge onActorLookup() {
        requireGeneration("on_actor_lookup", null, V3, V4);
        return charge("OnActorLookup", 0, gas(PriceEntry.ACTOR_LOOKUP));
    }

    public GasCharge onActorUpdate() {
        requireGeneration("on_actor_update", null, V3, V4);
        return charge("OnActorUpdate", 0, gas(PriceEntry.ACTOR_UPDATE));
    }

    public GasCharge onActorCreate() {
        requireGeneration("on_actor_create", null, V3, V4);
        return charge("OnActorCreate", 0, gas(PriceEntry.ACTOR_CREATE_STORAGE));
    }

    public GasCharge onSelfBalance() {
        requireGeneration("on_self_balance", null, V3, V4);
        return charge("OnSelfBalance", 0, 0);
    }

    public GasCharge onBalanceOf() {
        requireGeneration("on_balance_of", null, V3, V4);
        return charge("OnBalanceOf", 0, 0);
    }

    public GasCharge onResolveAddress() {
        requireGeneration("on_resolve_address", null, V3, V4);
        return charge("OnResolveAddress", 0, 0);
    }

    /** {@code on_lookup_delegated_address}; the reference names the charge {@code OnLookupAddress}. */
    public GasCharge onLookupDelegatedAddress() {
        requireGeneration("on_lookup_delegated_address", null, V3, V4);
        return charge("OnLookupAddress", 0, 0);
    }

    public GasCharge onGetActorCodeCid() {
        requireGeneration("on_get_actor_code_cid", null, V3, V4);
        return charge("OnGetActorCodeCid", 0, 0);
    }

    public GasCharge onGetBuiltinActorType() {
        requireGeneration("on_get_builtin_actor_type", null, V3, V4);
        return charge("OnGetBuiltinActorType", gas(PriceEntry.BUILTIN_ACTOR_MANIFEST_LOOKUP), 0);
    }

    public GasCharge onGetCodeCidForType() {
        requireGeneration("on_get_code_cid_for_type", null, V3, V4);
        return charge("OnGetCodeCidForType", gas(PriceEntry.BUILTIN_ACTOR_MANIFEST_LOOKUP), 0);
    }

    public GasCharge onNetworkContext() {
        requireGeneration("on_network_context", null, V3, V4);
        return charge("OnNetworkContext", gas(PriceEntry.NETWORK_CONTEXT), 0);
    }

    public GasCharge onMessageContext() {
        requireGeneration("on_message_context", null, V3, V4);
        return charge("OnMessageContext", gas(PriceEntry.MESSAGE_CONTEXT), 0);
    }

    /**
     * {@code on_install_actor} for a module of {@code wasmSize} bytes (only reachable with the reference's {@code m2-native}
     * feature, which mainnet builds lack).
     */
    public GasCharge onInstallActor(long wasmSize) {
        requireGeneration("on_install_actor", null, V3, V4);
        checkSize(wasmSize);
        return charge("OnInstallActor", multiply(gas(PriceEntry.INSTALL_WASM_PER_BYTE_COST), wasmSize), 0);
    }

    /** {@code init_memory_gas} (on {@code WasmGasPrices} in v4): milligas to initialize {@code minMemoryBytes} of memory. */
    public long initMemoryGas(long minMemoryBytes) {
        requireGeneration("init_memory_gas", null, V3, V4);
        checkSize(minMemoryBytes);
        return add(
                gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST),
                multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), minMemoryBytes));
    }

    /** {@code grow_memory_gas} (on {@code WasmGasPrices} in v4): milligas to grow memory by {@code growMemoryBytes}. */
    public long growMemoryGas(long growMemoryBytes) {
        requireGeneration("grow_memory_gas", null, V3, V4);
        checkSize(growMemoryBytes);
        return add(
                gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST),
                multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), growMemoryBytes));
    }

    /**
     * {@code init_table_gas} (on {@code WasmGasPrices} in v4): milligas to initialize {@code minTableElements} table elements
     * of 8 bytes each.
     */
    public long initTableGas(long minTableElements) {
        requireGeneration("init_table_gas", null, V3, V4);
        checkSize(minTableElements);
        long perElement = multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), minTableElements);
        return add(gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST), multiply(perElement, WasmGasPrices.TABLE_ELEMENT_SIZE));
    }

    // ---- FVM v4 only ----

    /**
     * v4 {@code on_method_invocation}: invoking a method with a parameters block of {@code paramSize} bytes (unused by the
     * price) holding {@code paramLinks} CIDs, each tracked as reachable for the callee.
     */
    public GasCharge onMethodInvocation(long paramSize, long paramLinks) {
        requireGeneration("on_method_invocation(param_size, param_links)", null, V4);
        checkSize(paramSize);
        checkSize(paramLinks);
        return charge(
                "OnMethodInvocation",
                add(gas(PriceEntry.SEND_INVOKE_METHOD), multiply(gas(PriceEntry.IPLD_LINK_TRACKED), paramLinks)),
                0);
    }

    /**
     * v4 {@code on_method_return} of a return block of {@code dataSize} bytes holding {@code returnLinks} CIDs. At call depth
     * 1 it stores the value on chain ({@code OnChainReturnValue}, as in v3); deeper, it tracks the links for the caller
     * ({@code OnReturnValue}). The reference returns a charge at every depth, a zero {@code OnReturnValue} when there are no
     * links, so this is never empty on v4; the reference charges it only when the call returned a block.
     */
    public Optional<GasCharge> onMethodReturn(int callDepth, long dataSize, long returnLinks) {
        requireGeneration("on_method_return(call_depth, return_size, return_links)", null, V4);
        checkSize(dataSize);
        checkSize(returnLinks);
        if (callDepth == 1) {
            return Optional.of(onChainReturnValue(dataSize));
        }
        return Optional.of(charge("OnReturnValue", multiply(gas(PriceEntry.IPLD_LINK_TRACKED), returnLinks), 0));
    }

    /**
     * v4 {@code on_get_randomness}: randomness drawn {@code lookback} epochs before the current epoch (FIP-0075). The reference
     * converts the lookback with {@code as u64}, so a negative one (an epoch in the future) counts as at least 2^63 epochs
     * and the charge saturates; so does this one.
     */
    public GasCharge onGetRandomnessLookback(long lookback) {
        requireGeneration("on_get_randomness(lookback)", null, V4);
        return lookbackCharge("OnGetRandomness", lookback);
    }

    /**
     * v4 {@code on_tipset_cid}: the CID of the tipset {@code lookback} epochs before the current epoch (FIP-0075); negative
     * lookbacks saturate as in {@link #onGetRandomnessLookback} (the reference kernel rejects them before charging).
     */
    public GasCharge onTipsetCidLookback(long lookback) {
        requireGeneration("on_tipset_cid(lookback)", null, V4);
        return lookbackCharge("OnTipsetCid", lookback);
    }

    /**
     * v4 {@code on_block_open}: a block of {@code dataSize} bytes with {@code links} CIDs (found by the link scan), each
     * tracked as reachable; at least the memory retention minimum is charged.
     */
    public GasCharge onBlockOpen(long dataSize, long links) {
        requireGeneration("on_block_open(data_size, links)", null, V4);
        checkSize(dataSize);
        checkSize(links);
        long compute = multiply(gas(PriceEntry.IPLD_LINK_TRACKED), links);
        long blockOpen = add(
                add(
                        multiply(scaling(PriceEntry.BLOCK_OPEN).scaleMilligas(), dataSize),
                        scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize));
        long retentionMinimum =
                scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize);
        long surcharge = GasMath.subtractToZero(retentionMinimum, add(compute, blockOpen));
        // the reference charges the copy and allocation as "other" here, unlike v3's on_block_open_per_byte
        return charge("OnBlockOpen", compute, add(blockOpen, surcharge));
    }

    /**
     * v4 {@code on_block_create}: adding a block of {@code dataSize} bytes with {@code links} CIDs, each checked for
     * reachability, to the block registry; at least the memory retention minimum is charged.
     */
    public GasCharge onBlockCreate(long dataSize, long links) {
        requireGeneration("on_block_create(data_size, links)", null, V4);
        checkSize(dataSize);
        checkSize(links);
        long compute = add(
                add(
                        scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize),
                        scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                multiply(gas(PriceEntry.IPLD_LINK_CHECKED), links));
        long surcharge = GasMath.subtractToZero(
                scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize), compute);
        return charge("OnBlockCreate", compute, surcharge);
    }

    /**
     * The DAG-CBOR link scan of v4's {@code ipld::scan_for_reachable_links} ({@code ipld/cbor.rs}), charged by the reference
     * as one {@code OnScanIpldLinks} charge (all compute) after reading the block and before {@code on_block_open} /
     * {@code on_block_create}: {@code ipld_cbor_scan_per_field} per field plus {@code ipld_cbor_scan_per_cid} per CID.
     * <p>
     * Units: {@code fields} counts the CBOR item headers the scanner's loop starts to read (array and map headers, integers,
     * simple values and floats, byte and text strings, and every tag, tag 42 included, but not the byte-string header of a
     * CID after its tag 42); {@code cids} counts the tag-42 CIDs. Both are charged before the bytes are parsed, so a header or
     * CID that fails to parse counts. Fields and CIDs inside identity-hashed (inline) DAG-CBOR CIDs, which the scanner
     * descends into, count too. Only DAG-CBOR (0x71) is scanned: CBOR and raw blocks cost nothing. The reference charges
     * these against the gas available as it goes and, when it runs out, charges all the gas that was available.
     */
    public GasCharge onScanIpldLinks(long fields, long cids) {
        requireGeneration("ipld scan_for_reachable_links", null, V4);
        checkSize(fields);
        checkSize(cids);
        long compute = add(
                multiply(gas(PriceEntry.IPLD_CBOR_SCAN_PER_FIELD), fields),
                multiply(gas(PriceEntry.IPLD_CBOR_SCAN_PER_CID), cids));
        return charge("OnScanIpldLinks", compute, 0);
    }

    /**
     * v4 {@code on_actor_event} (FIP-0072): an event of {@code entries} entries with {@code keySize} bytes of keys and
     * {@code valueSize} bytes of values in total. Prices entry validation, UTF-8 validation of the keys, two copies of the
     * estimated encoded size as compute, and its AMT hashing plus one more copy as other.
     */
    public GasCharge onActorEvent(long entries, long keySize, long valueSize) {
        requireGeneration("on_actor_event", null, V4);
        checkSize(entries);
        checkSize(keySize);
        checkSize(valueSize);
        long validateEntries = scaling(PriceEntry.EVENT_PER_ENTRY).apply(entries);
        long validateUtf8 = scaling(PriceEntry.UTF8_VALIDATION).apply(keySize);
        long estimatedSize = add(add(add(EVENT_OVERHEAD, multiply(EVENT_ENTRY_OVERHEAD, entries)), keySize), valueSize);
        long memory = add(
                scaling(PriceEntry.BLOCK_MEMCPY).apply(estimatedSize),
                scaling(PriceEntry.BLOCK_ALLOCATE).apply(estimatedSize));
        long hash = hashingCost().get(SupportedHash.BLAKE2B_256).apply(estimatedSize);
        return charge("OnActorEvent", add(add(multiply(memory, 2), validateEntries), validateUtf8), add(hash, memory));
    }

    /** v4 {@code on_get_root}: reading the actor's state root, which becomes reachable. */
    public GasCharge onGetRoot() {
        requireGeneration("on_get_root", null, V4);
        return charge("OnActorGetRoot", gas(PriceEntry.IPLD_LINK_TRACKED), 0);
    }

    /** v4 {@code on_set_root}: setting the actor's state root, which must be reachable. */
    public GasCharge onSetRoot() {
        requireGeneration("on_set_root", null, V4);
        return charge("OnActorSetRoot", gas(PriceEntry.IPLD_LINK_CHECKED), 0);
    }

    /**
     * v4 {@code on_verify_aggregate_signature} (FIP-0079): a BLS aggregate of {@code numSigs} signatures over plaintexts of
     * {@code dataLength} bytes in total, priced as {@code numSigs + 1} pairings plus hashing the plaintexts.
     */
    public GasCharge onVerifyAggregateSignature(long numSigs, long dataLength) {
        requireGeneration("on_verify_aggregate_signature", null, V4);
        checkSize(numSigs);
        checkSize(dataLength);
        long pairings = multiply(gas(PriceEntry.BLS_PAIRING_COST), add(numSigs, 1));
        return charge(
                "OnVerifyBlsAggregateSignature",
                add(pairings, scaling(PriceEntry.BLS_HASHING_COST).apply(dataLength)),
                0);
    }

    /** v4 {@code on_utf8_validation} of {@code length} bytes (the reference kernel prices event keys through {@link #onActorEvent} instead). */
    public GasCharge onUtf8Validation(long length) {
        requireGeneration("on_utf8_validation", null, V4);
        checkSize(length);
        return charge("OnUtf8Validation", scaling(PriceEntry.UTF8_VALIDATION).apply(length), 0);
    }

    /** The fallback type of {@code on_verify_post} in {@code generation}: the 512MiB window type, V1 before v4 and V1P1 in v4. */
    static RegisteredPoStProof postFallback(FvmGeneration generation) {
        return generation == V4
                ? RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1_P1
                : RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1;
    }

    /** The price of verifying a window PoSt of type {@code proofType}, falling back as the reference does. */
    ScalingCost postCost(RegisteredPoStProof proofType) {
        ScalingCost cost = verifyPostLookup().get(proofType);
        return cost != null ? cost : verifyPostLookup().get(postFallback(generation));
    }

    private GasCharge lookbackCharge(String name, long lookback) {
        // `lookback as u64` in the reference: a negative lookback is 2^63 epochs or more, which saturates any non-zero
        // scale
        long epochs = lookback < 0 ? Long.MAX_VALUE : lookback;
        return charge(name, 0, scaling(PriceEntry.LOOKBACK_COST).apply(epochs));
    }

    private long multiplier() {
        return gas(PriceEntry.STORAGE_GAS_MULTIPLIER);
    }

    private Object typed(PriceEntry entry, PriceEntryKind kind, PriceEntryKind alternative) {
        if (entry.kind() != kind && entry.kind() != alternative) {
            throw new IllegalArgumentException("entry " + entry.referenceName() + " is "
                    + entry.kind().description() + ", not " + kind.description());
        }
        return value(entry);
    }

    /** Fails unless this list's generation is one of {@code allowed}; {@code instead} names the v4 charge that replaced it, if any. */
    private void requireGeneration(String charge, String instead, FvmGeneration... allowed) {
        for (FvmGeneration candidate : allowed) {
            if (candidate == generation) {
                return;
            }
        }
        StringBuilder message = new StringBuilder(charge)
                .append(" is an FVM ")
                .append(allowed[0].fileName())
                .append(" charge");
        if (allowed.length > 1) {
            message.append(" (also FVM ");
            for (int i = 1; i < allowed.length; i++) {
                message.append(i > 1 ? ", " : "").append(allowed[i].fileName());
            }
            message.append(')');
        }
        message.append(", but price list ").append(name).append(" is FVM ").append(generation.fileName());
        if (instead != null && generation == V4) {
            message.append("; FVM ")
                    .append(generation.fileName())
                    .append(" charges ")
                    .append(instead)
                    .append(" instead");
        }
        throw new UnsupportedOperationException(message.toString());
    }

    private static void checkSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size or count must not be negative: " + size);
        }
    }

    private static GasCharge charge(String name, long compute, long other) {
        return new GasCharge(name, compute, other);
    }

    /** Equal when the prices are: the name is a label and does not take part. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PriceList other && generation == other.generation && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "PriceList[" + name + ", " + generation.fileName() + "]";
    }
}
