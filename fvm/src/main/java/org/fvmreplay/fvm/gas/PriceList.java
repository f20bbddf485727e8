package org.fvmreplay.fvm.gas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.fvmreplay.fvm.gas.FvmGeneration.V2;
import static org.fvmreplay.fvm.gas.FvmGeneration.V3;
import static org.fvmreplay.fvm.gas.GasMath.add;
import static org.fvmreplay.fvm.gas.GasMath.multiply;

/**
 * The gas prices of one reference price list (e.g. {@code SKYR_PRICES}) and the charges computed from them, each named and
 * split into compute and other milligas exactly as the reference's {@code on_*} functions do.
 * <p>
 * One type covers both FVM generations: it holds the entries of its {@linkplain #generation() generation} (see
 * {@link PriceEntry#usedBy}) in a map keyed by entry, so price list files, overrides and field-by-field comparisons treat
 * every entry alike, and each charge method applies its generation's formula. We chose this over one class per generation
 * because the two structs share a third of their entries and most charges keep their names and signatures; a charge that
 * exists in only one generation (e.g. {@link #onActorLookup()} in v3, the two-argument {@link #onMethodInvocation(boolean,
 * long)} in v2) throws {@link UnsupportedOperationException} on a list of the other.
 * <p>
 * Sizes and counts must be non-negative. Arithmetic saturates like the reference's {@code Gas}.
 */
public final class PriceList
{
    private final String name;
    private final FvmGeneration generation;
    private final Map<PriceEntry, Object> values;

    PriceList(String name, FvmGeneration generation, Map<PriceEntry, Object> values)
    {
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
            throw new IllegalArgumentException("price list " + name + " (" + generation.fileName() + ") lacks entries " + missing);
        }
        for (PriceEntry entry : values.keySet()) {
            if (!entry.usedBy(generation)) {
                throw new IllegalArgumentException("price list " + name + ": entry " + entry.referenceName() + " is not part of " + generation.fileName() + " price lists");
            }
        }
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** The reference's constant name, e.g. {@code HYGGE_PRICES}, possibly followed by a note on overrides. */
    public String name()
    {
        return name;
    }

    public FvmGeneration generation()
    {
        return generation;
    }

    /** The entries this list holds (those of its generation). */
    public Set<PriceEntry> entries()
    {
        return values.keySet();
    }

    /** The value of {@code entry}: a {@code Long}, {@link ScalingCost}, unmodifiable map or list according to its kind. */
    public Object value(PriceEntry entry)
    {
        requireNonNull(entry, "entry is null");
        Object value = values.get(entry);
        if (value == null) {
            throw new IllegalArgumentException("price list " + name + " (" + generation.fileName() + ") has no entry " + entry.referenceName());
        }
        return value;
    }

    /** A {@link PriceEntryKind#GAS} entry in milligas, or the {@link PriceEntryKind#MULTIPLIER}. */
    public long gas(PriceEntry entry)
    {
        return (Long) typed(entry, PriceEntryKind.GAS, PriceEntryKind.MULTIPLIER);
    }

    public ScalingCost scaling(PriceEntry entry)
    {
        return (ScalingCost) typed(entry, PriceEntryKind.SCALING, PriceEntryKind.SCALING);
    }

    /** {@code verify_aggregate_seal_per}, milligas per proof type. */
    @SuppressWarnings("unchecked")
    public Map<RegisteredSealProof, Long> verifyAggregateSealPer()
    {
        return (Map<RegisteredSealProof, Long>) value(PriceEntry.VERIFY_AGGREGATE_SEAL_PER);
    }

    @SuppressWarnings("unchecked")
    public Map<RegisteredSealProof, StepCost> verifyAggregateSealSteps()
    {
        return (Map<RegisteredSealProof, StepCost>) value(PriceEntry.VERIFY_AGGREGATE_SEAL_STEPS);
    }

    @SuppressWarnings("unchecked")
    public Map<RegisteredPoStProof, ScalingCost> verifyPostLookup()
    {
        return (Map<RegisteredPoStProof, ScalingCost>) value(PriceEntry.VERIFY_POST_LOOKUP);
    }

    /** FVM v3 {@code sig_cost}. */
    @SuppressWarnings("unchecked")
    public Map<SignatureType, ScalingCost> signatureCost()
    {
        return (Map<SignatureType, ScalingCost>) value(PriceEntry.SIG_COST);
    }

    /** FVM v3 {@code hashing_cost}. */
    @SuppressWarnings("unchecked")
    public Map<SupportedHash, ScalingCost> hashingCost()
    {
        return (Map<SupportedHash, ScalingCost>) value(PriceEntry.HASHING_COST);
    }

    /** FVM v3 {@code preloaded_actors}: actor ids whose state updates are free (FIP-0055). */
    @SuppressWarnings("unchecked")
    public List<Long> preloadedActors()
    {
        return (List<Long>) value(PriceEntry.PRELOADED_ACTORS);
    }

    /** The WebAssembly instruction prices of this list. */
    public WasmGasPrices wasmGasPrices()
    {
        if (generation == V2) {
            return new WasmGasPrices(V2, gas(PriceEntry.WASM_EXEC_INSTRUCTION_COST), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new WasmGasPrices(V3, 0,
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

    Map<PriceEntry, Object> values()
    {
        return values;
    }

    // ---- charges common to both generations (formulas differ) ----

    /** {@code on_chain_message}: storing a message of {@code messageSize} bytes (v3 adds the sender's actor update). */
    public GasCharge onChainMessage(long messageSize)
    {
        checkSize(messageSize);
        if (generation == V2) {
            long storage = add(gas(PriceEntry.ON_CHAIN_MESSAGE_STORAGE_BASE), multiply(gas(PriceEntry.ON_CHAIN_MESSAGE_STORAGE_PER_BYTE), messageSize));
            return charge("OnChainMessage", gas(PriceEntry.ON_CHAIN_MESSAGE_COMPUTE_BASE), multiply(storage, multiplier()));
        }
        return charge("OnChainMessage",
                scaling(PriceEntry.ON_CHAIN_MESSAGE_COMPUTE).apply(messageSize),
                add(gas(PriceEntry.ACTOR_UPDATE), scaling(PriceEntry.ON_CHAIN_MESSAGE_STORAGE).apply(messageSize)));
    }

    /** {@code on_chain_return_value} (v2), or v3's {@code on_method_return} at call depth 1: storing a top-level return value. */
    public GasCharge onChainReturnValue(long dataSize)
    {
        checkSize(dataSize);
        if (generation == V2) {
            return charge("OnChainReturnValue", 0, multiply(multiply(gas(PriceEntry.ON_CHAIN_RETURN_VALUE_PER_BYTE), dataSize), multiplier()));
        }
        return charge("OnChainReturnValue",
                scaling(PriceEntry.ON_CHAIN_RETURN_COMPUTE).apply(dataSize),
                scaling(PriceEntry.ON_CHAIN_RETURN_STORAGE).apply(dataSize));
    }

    /** {@code on_syscall}: the overhead of any syscall. */
    public GasCharge onSyscall()
    {
        return charge("OnSyscall", gas(PriceEntry.SYSCALL_COST), 0);
    }

    /**
     * {@code on_create_actor}. In v3 {@code newAddress} (an address is assigned explicitly) adds the address assignment and
     * lookup; v2 has no such parameter and ignores it.
     */
    public GasCharge onCreateActor(boolean newAddress)
    {
        if (generation == V2) {
            return charge("OnCreateActor", gas(PriceEntry.CREATE_ACTOR_COMPUTE), multiply(gas(PriceEntry.CREATE_ACTOR_STORAGE), multiplier()));
        }
        long storage = gas(PriceEntry.ACTOR_CREATE_STORAGE);
        if (newAddress) {
            storage = add(storage, add(gas(PriceEntry.ADDRESS_ASSIGNMENT), gas(PriceEntry.ADDRESS_LOOKUP)));
        }
        return charge("OnCreateActor", 0, storage);
    }

    /** {@code on_delete_actor}: a (negative) refund in v2, free in v3. */
    public GasCharge onDeleteActor()
    {
        if (generation == V2) {
            return charge("OnDeleteActor", 0, multiply(gas(PriceEntry.DELETE_ACTOR), multiplier()));
        }
        return charge("OnDeleteActor", 0, 0);
    }

    /** {@code on_verify_signature}; v3 scales with the signed data's length, v2 ignores it. */
    public GasCharge onVerifySignature(SignatureType type, long dataLength)
    {
        requireNonNull(type, "type is null");
        checkSize(dataLength);
        if (generation == V2) {
            long cost = type == SignatureType.BLS ? gas(PriceEntry.BLS_SIG_COST) : gas(PriceEntry.SECP256K1_SIG_COST);
            return charge("OnVerifySignature", cost, 0);
        }
        return charge("OnVerifySignature", signatureCost().get(type).apply(dataLength), 0);
    }

    /** {@code on_recover_secp_public_key}. */
    public GasCharge onRecoverSecpPublicKey()
    {
        return charge("OnRecoverSecpPublicKey", gas(PriceEntry.SECP256K1_RECOVER_COST), 0);
    }

    /** {@code on_hashing}; v3 prices per hash function and byte, v2 charges a flat {@code hashing_base}. */
    public GasCharge onHashing(SupportedHash hash, long dataLength)
    {
        requireNonNull(hash, "hash is null");
        checkSize(dataLength);
        if (generation == V2) {
            return charge("OnHashing", gas(PriceEntry.HASHING_BASE), 0);
        }
        return charge("OnHashing", hashingCost().get(hash).apply(dataLength), 0);
    }

    /** {@code on_compute_unsealed_sector_cid} (the proof type and pieces do not affect the price). */
    public GasCharge onComputeUnsealedSectorCid()
    {
        return charge("OnComputeUnsealedSectorCid", gas(PriceEntry.COMPUTE_UNSEALED_SECTOR_CID_BASE), 0);
    }

    /** {@code on_verify_seal}. */
    public GasCharge onVerifySeal()
    {
        return charge("OnVerifySeal", gas(PriceEntry.VERIFY_SEAL_BASE), 0);
    }

    /** {@code on_verify_aggregate_seals}: per-proof price times count plus a step by count; unknown types priced as 32GiB V1P1. */
    public GasCharge onVerifyAggregateSeals(RegisteredSealProof proofType, long count)
    {
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
    public GasCharge onVerifyReplicaUpdate()
    {
        return charge("OnVerifyReplicaUpdate", gas(PriceEntry.VERIFY_REPLICA_UPDATE), 0);
    }

    /**
     * {@code on_verify_post}: {@code proofType} is the type of the first proof (the reference uses
     * {@link RegisteredPoStProof#STACKED_DRG_WINDOW_512MIB_V1} when there is none, and for types missing from the table).
     */
    public GasCharge onVerifyPost(RegisteredPoStProof proofType, long challengedSectors)
    {
        requireNonNull(proofType, "proofType is null");
        checkSize(challengedSectors);
        ScalingCost cost = verifyPostLookup().get(proofType);
        if (cost == null) {
            cost = verifyPostLookup().get(RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1);
        }
        return charge("OnVerifyPost", cost.apply(challengedSectors), 0);
    }

    /** {@code on_verify_consensus_fault}: compute (with the extern cost) in v2, other in v3. */
    public GasCharge onVerifyConsensusFault()
    {
        if (generation == V2) {
            return charge("OnVerifyConsensusFault", add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.VERIFY_CONSENSUS_FAULT)), 0);
        }
        return charge("OnVerifyConsensusFault", 0, gas(PriceEntry.VERIFY_CONSENSUS_FAULT));
    }

    /** {@code on_get_randomness} for {@code entropySize} bytes of entropy (v3 prices the Blake2b of 48 bytes plus the entropy). */
    public GasCharge onGetRandomness(long entropySize)
    {
        checkSize(entropySize);
        if (generation == V2) {
            long compute = add(add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.GET_RANDOMNESS_BASE)), multiply(gas(PriceEntry.GET_RANDOMNESS_PER_BYTE), entropySize));
            return charge("OnGetRandomness", compute, 0);
        }
        // domain separation tag (8) + VRF digest (32) + round (8) are hashed along with the entropy
        long hashed = add(entropySize, 8 + 32 + 8);
        long other = add(gas(PriceEntry.GET_RANDOMNESS_SEED), hashingCost().get(SupportedHash.BLAKE2B_256).apply(hashed));
        return charge("OnGetRandomness", 0, other);
    }

    /** {@code on_block_open_base}. */
    public GasCharge onBlockOpenBase()
    {
        if (generation == V2) {
            return charge("OnBlockOpenBase", add(gas(PriceEntry.EXTERN_COST), gas(PriceEntry.BLOCK_OPEN_BASE)), 0);
        }
        return charge("OnBlockOpenBase", 0, scaling(PriceEntry.BLOCK_OPEN).flatMilligas());
    }

    /** {@code on_block_open_per_byte}; v3 charges at least the memory retention minimum. */
    public GasCharge onBlockOpenPerByte(long dataSize)
    {
        checkSize(dataSize);
        if (generation == V2) {
            long compute = add(multiply(gas(PriceEntry.BLOCK_OPEN_MEMRET_PER_BYTE_COST), dataSize), multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize));
            return charge("OnBlockOpenPerByte", compute, 0);
        }
        long compute = add(scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize), scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize));
        long blockOpen = multiply(scaling(PriceEntry.BLOCK_OPEN).scaleMilligas(), dataSize);
        long retentionMinimum = scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize);
        long surcharge = GasMath.subtractToZero(retentionMinimum, add(compute, blockOpen));
        return charge("OnBlockOpenPerByte", compute, add(blockOpen, surcharge));
    }

    /** {@code on_block_read}: copying an open block into actor memory. */
    public GasCharge onBlockRead(long dataSize)
    {
        checkSize(dataSize);
        if (generation == V2) {
            return charge("OnBlockRead", add(gas(PriceEntry.BLOCK_READ_BASE), multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize)), 0);
        }
        return charge("OnBlockRead", scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize), 0);
    }

    /** {@code on_block_create}: adding a block to the FVM's block registry. */
    public GasCharge onBlockCreate(long dataSize)
    {
        checkSize(dataSize);
        if (generation == V2) {
            long memory = add(multiply(gas(PriceEntry.BLOCK_CREATE_MEMRET_PER_BYTE_COST), dataSize), multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize));
            return charge("OnBlockCreate", add(gas(PriceEntry.BLOCK_CREATE_BASE), memory), 0);
        }
        long compute = add(scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize), scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize));
        long surcharge = GasMath.subtractToZero(scaling(PriceEntry.BLOCK_MEMORY_RETENTION_MINIMUM).apply(dataSize), compute);
        return charge("OnBlockCreate", compute, surcharge);
    }

    /** {@code on_block_link}: committing a block to the state store; v3 also prices hashing it with {@code hash} (v2 ignores it). */
    public GasCharge onBlockLink(SupportedHash hash, long dataSize)
    {
        requireNonNull(hash, "hash is null");
        checkSize(dataSize);
        if (generation == V2) {
            long memcpy = multiply(gas(PriceEntry.BLOCK_MEMCPY_PER_BYTE_COST), dataSize);
            // two copies: registry to buffered store, buffered store to the node's store
            long compute = add(gas(PriceEntry.BLOCK_LINK_BASE), multiply(memcpy, 2));
            long storage = multiply(multiply(gas(PriceEntry.BLOCK_LINK_STORAGE_PER_BYTE_COST), multiplier()), dataSize);
            return charge("OnBlockLink", compute, storage);
        }
        long compute = add(add(scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize), scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                hashingCost().get(hash).apply(dataSize));
        long other = add(gas(PriceEntry.BLOCK_PERSIST_COMPUTE), scaling(PriceEntry.BLOCK_PERSIST_STORAGE).apply(dataSize));
        return charge("OnBlockLink", compute, other);
    }

    /** {@code on_block_stat}. */
    public GasCharge onBlockStat()
    {
        if (generation == V2) {
            return charge("OnBlockStat", gas(PriceEntry.BLOCK_STAT_BASE), 0);
        }
        return charge("OnBlockStat", 0, 0);
    }

    // ---- FVM v2 only ----

    /** v2 {@code on_method_invocation}: send base, plus transfer (and transfer-only premium for method 0), plus invoke. */
    public GasCharge onMethodInvocation(boolean nonZeroValue, long methodNumber)
    {
        requireGeneration(V2, "on_method_invocation(value, method_num)");
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
    public GasCharge onMethodInvocation()
    {
        requireGeneration(V3, "on_method_invocation()");
        return charge("OnMethodInvocation", gas(PriceEntry.SEND_INVOKE_METHOD), 0);
    }

    /** v3 {@code on_value_transfer}. */
    public GasCharge onValueTransfer()
    {
        requireGeneration(V3, "on_value_transfer");
        return charge("OnValueTransfer", gas(PriceEntry.SEND_TRANSFER_FUNDS), 0);
    }

    /** v3 {@code on_method_return}: charged only for the top-level call (depth 1). */
    public Optional<GasCharge> onMethodReturn(int callDepth, long dataSize)
    {
        requireGeneration(V3, "on_method_return");
        return callDepth == 1 ? Optional.of(onChainReturnValue(dataSize)) : Optional.empty();
    }

    public GasCharge onActorLookup()
    {
        requireGeneration(V3, "on_actor_lookup");
        return charge("OnActorLookup", 0, gas(PriceEntry.ACTOR_LOOKUP));
    }

    public GasCharge onActorUpdate()
    {
        requireGeneration(V3, "on_actor_update");
        return charge("OnActorUpdate", 0, gas(PriceEntry.ACTOR_UPDATE));
    }

    public GasCharge onActorCreate()
    {
        requireGeneration(V3, "on_actor_create");
        return charge("OnActorCreate", 0, gas(PriceEntry.ACTOR_CREATE_STORAGE));
    }

    public GasCharge onSelfBalance()
    {
        requireGeneration(V3, "on_self_balance");
        return charge("OnSelfBalance", 0, 0);
    }

    public GasCharge onBalanceOf()
    {
        requireGeneration(V3, "on_balance_of");
        return charge("OnBalanceOf", 0, 0);
    }

    public GasCharge onResolveAddress()
    {
        requireGeneration(V3, "on_resolve_address");
        return charge("OnResolveAddress", 0, 0);
    }

    /** v3 {@code on_lookup_delegated_address}; the reference names the charge {@code OnLookupAddress}. */
    public GasCharge onLookupDelegatedAddress()
    {
        requireGeneration(V3, "on_lookup_delegated_address");
        return charge("OnLookupAddress", 0, 0);
    }

    public GasCharge onGetActorCodeCid()
    {
        requireGeneration(V3, "on_get_actor_code_cid");
        return charge("OnGetActorCodeCid", 0, 0);
    }

    public GasCharge onGetBuiltinActorType()
    {
        requireGeneration(V3, "on_get_builtin_actor_type");
        return charge("OnGetBuiltinActorType", gas(PriceEntry.BUILTIN_ACTOR_MANIFEST_LOOKUP), 0);
    }

    public GasCharge onGetCodeCidForType()
    {
        requireGeneration(V3, "on_get_code_cid_for_type");
        return charge("OnGetCodeCidForType", gas(PriceEntry.BUILTIN_ACTOR_MANIFEST_LOOKUP), 0);
    }

    /** v3 {@code on_tipset_cid}: {@code lookback} for a tipset older than the latest. */
    public GasCharge onTipsetCid(boolean lookback)
    {
        requireGeneration(V3, "on_tipset_cid");
        return charge("OnTipsetCid", 0, gas(lookback ? PriceEntry.TIPSET_CID_HISTORICAL : PriceEntry.TIPSET_CID_LATEST));
    }

    public GasCharge onNetworkContext()
    {
        requireGeneration(V3, "on_network_context");
        return charge("OnNetworkContext", gas(PriceEntry.NETWORK_CONTEXT), 0);
    }

    public GasCharge onMessageContext()
    {
        requireGeneration(V3, "on_message_context");
        return charge("OnMessageContext", gas(PriceEntry.MESSAGE_CONTEXT), 0);
    }

    /** v3 {@code on_install_actor} (only compiled with the reference's {@code m2-native} feature). */
    public GasCharge onInstallActor(long wasmSize)
    {
        requireGeneration(V3, "on_install_actor");
        checkSize(wasmSize);
        return charge("OnInstallActor", multiply(gas(PriceEntry.INSTALL_WASM_PER_BYTE_COST), wasmSize), 0);
    }

    /** v3 {@code init_memory_gas}: milligas to initialize a module's minimum memory. */
    public long initMemoryGas(long minMemoryBytes)
    {
        requireGeneration(V3, "init_memory_gas");
        checkSize(minMemoryBytes);
        return add(gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST), multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), minMemoryBytes));
    }

    /** v3 {@code grow_memory_gas}: milligas to grow memory by {@code growMemoryBytes}. */
    public long growMemoryGas(long growMemoryBytes)
    {
        requireGeneration(V3, "grow_memory_gas");
        checkSize(growMemoryBytes);
        return add(gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST), multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), growMemoryBytes));
    }

    /** v3 {@code init_table_gas}: milligas to initialize {@code minTableElements} table elements of 8 bytes each. */
    public long initTableGas(long minTableElements)
    {
        requireGeneration(V3, "init_table_gas");
        checkSize(minTableElements);
        long perElement = multiply(gas(PriceEntry.WASM_MEMORY_FILL_PER_BYTE_COST), minTableElements);
        return add(gas(PriceEntry.WASM_MEMORY_FILL_BASE_COST), multiply(perElement, WasmGasPrices.TABLE_ELEMENT_SIZE));
    }

    /** v3 {@code on_actor_event_validate}: validating an emitted event of {@code dataSize} encoded bytes. */
    public GasCharge onActorEventValidate(long dataSize)
    {
        requireGeneration(V3, "on_actor_event_validate");
        checkSize(dataSize);
        long compute = add(add(scaling(PriceEntry.BLOCK_MEMCPY).apply(dataSize), scaling(PriceEntry.BLOCK_ALLOCATE).apply(dataSize)),
                scaling(PriceEntry.EVENT_VALIDATION_COST).apply(dataSize));
        return charge("OnActorEventValidate", compute, 0);
    }

    /**
     * v3 {@code on_actor_event_accept}. The caller counts, over the event's entries, the indexed elements (one per entry with
     * the indexed-key flag, one more per entry with the indexed-value flag) and the bytes of those indexed keys and values.
     */
    public GasCharge onActorEventAccept(long indexedElements, long indexedBytes, long serializedLength)
    {
        requireGeneration(V3, "on_actor_event_accept");
        checkSize(indexedElements);
        checkSize(indexedBytes);
        checkSize(serializedLength);
        // the StampedEvent adds the emitter id and CBOR framing to the serialized event
        long stampedSize = add(serializedLength, 12);
        long memcpy = scaling(PriceEntry.BLOCK_MEMCPY).apply(stampedSize);
        long alloc = scaling(PriceEntry.BLOCK_ALLOCATE).apply(stampedSize);
        long hash = hashingCost().get(SupportedHash.BLAKE2B_256).apply(stampedSize);
        ScalingCost index = scaling(PriceEntry.EVENT_ACCEPT_PER_INDEX_ELEMENT);
        long other = add(multiply(index.flatMilligas(), indexedElements), multiply(index.scaleMilligas(), indexedBytes));
        // deferred copies, allocation and AMT hashing are charged as "other", as in the reference
        other = add(add(add(other, multiply(memcpy, 2)), alloc), hash);
        return charge("OnActorEventAccept", add(memcpy, alloc), other);
    }

    private long multiplier()
    {
        return gas(PriceEntry.STORAGE_GAS_MULTIPLIER);
    }

    private Object typed(PriceEntry entry, PriceEntryKind kind, PriceEntryKind alternative)
    {
        if (entry.kind() != kind && entry.kind() != alternative) {
            throw new IllegalArgumentException("entry " + entry.referenceName() + " is " + entry.kind().description() + ", not " + kind.description());
        }
        return value(entry);
    }

    private void requireGeneration(FvmGeneration required, String charge)
    {
        if (generation != required) {
            throw new UnsupportedOperationException(charge + " is an FVM " + required.fileName() + " charge, but price list " + name + " is FVM " + generation.fileName());
        }
    }

    private static void checkSize(long size)
    {
        if (size < 0) {
            throw new IllegalArgumentException("size or count must not be negative: " + size);
        }
    }

    private static GasCharge charge(String name, long compute, long other)
    {
        return new GasCharge(name, compute, other);
    }

    /** Equal when the prices are: the name is a label and does not take part. */
    @Override
    public boolean equals(Object o)
    {
        return o instanceof PriceList other && generation == other.generation && values.equals(other.values);
    }

    @Override
    public int hashCode()
    {
        return values.hashCode();
    }

    @Override
    public String toString()
    {
        return "PriceList[" + name + ", " + generation.fileName() + "]";
    }
}
