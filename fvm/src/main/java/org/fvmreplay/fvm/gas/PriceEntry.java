package org.fvmreplay.fvm.gas;

import static org.fvmreplay.fvm.gas.FvmGeneration.V2;
import static org.fvmreplay.fvm.gas.FvmGeneration.V3;
import static org.fvmreplay.fvm.gas.FvmGeneration.V4;
import static org.fvmreplay.fvm.gas.PriceEntryKind.ACTOR_IDS;
import static org.fvmreplay.fvm.gas.PriceEntryKind.GAS;
import static org.fvmreplay.fvm.gas.PriceEntryKind.HASH_SCALING;
import static org.fvmreplay.fvm.gas.PriceEntryKind.MULTIPLIER;
import static org.fvmreplay.fvm.gas.PriceEntryKind.POST_PROOF_SCALING;
import static org.fvmreplay.fvm.gas.PriceEntryKind.SCALING;
import static org.fvmreplay.fvm.gas.PriceEntryKind.SEAL_PROOF_GAS;
import static org.fvmreplay.fvm.gas.PriceEntryKind.SEAL_PROOF_STEPS;
import static org.fvmreplay.fvm.gas.PriceEntryKind.SIGNATURE_SCALING;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every field of the reference's {@code PriceList} structs of FVM v2, v3 and v4, named as in the reference (the names used
 * in price list files), with its kind and the generations whose price lists have it. Fields of the reference's
 * {@code WasmGasPrices} are entries named {@code wasm_rules.<field>}.
 */
public enum PriceEntry {
    // FVM v2 only
    STORAGE_GAS_MULTIPLIER("storage_gas_multiplier", MULTIPLIER, V2),
    ON_CHAIN_MESSAGE_COMPUTE_BASE("on_chain_message_compute_base", GAS, V2),
    ON_CHAIN_MESSAGE_STORAGE_BASE("on_chain_message_storage_base", GAS, V2),
    ON_CHAIN_MESSAGE_STORAGE_PER_BYTE("on_chain_message_storage_per_byte", GAS, V2),
    ON_CHAIN_RETURN_VALUE_PER_BYTE("on_chain_return_value_per_byte", GAS, V2),
    SEND_BASE("send_base", GAS, V2),
    SEND_TRANSFER_ONLY_PREMIUM("send_transfer_only_premium", GAS, V2),
    CREATE_ACTOR_COMPUTE("create_actor_compute", GAS, V2),
    CREATE_ACTOR_STORAGE("create_actor_storage", GAS, V2),
    // a refund in the reference: Gas::new(-(36 + 40))
    DELETE_ACTOR("delete_actor", GAS, true, V2),
    BLS_SIG_COST("bls_sig_cost", GAS, V2),
    SECP256K1_SIG_COST("secp256k1_sig_cost", GAS, V2),
    HASHING_BASE("hashing_base", GAS, V2),
    // present (and unused by any charge) in the reference
    VERIFY_AGGREGATE_SEAL_BASE("verify_aggregate_seal_base", GAS, V2),
    GET_RANDOMNESS_BASE("get_randomness_base", GAS, V2),
    GET_RANDOMNESS_PER_BYTE("get_randomness_per_byte", GAS, V2),
    BLOCK_MEMCPY_PER_BYTE_COST("block_memcpy_per_byte_cost", GAS, V2),
    BLOCK_OPEN_BASE("block_open_base", GAS, V2),
    BLOCK_OPEN_MEMRET_PER_BYTE_COST("block_open_memret_per_byte_cost", GAS, V2),
    BLOCK_LINK_BASE("block_link_base", GAS, V2),
    BLOCK_LINK_STORAGE_PER_BYTE_COST("block_link_storage_per_byte_cost", GAS, V2),
    BLOCK_CREATE_BASE("block_create_base", GAS, V2),
    BLOCK_CREATE_MEMRET_PER_BYTE_COST("block_create_memret_per_byte_cost", GAS, V2),
    BLOCK_READ_BASE("block_read_base", GAS, V2),
    BLOCK_STAT_BASE("block_stat_base", GAS, V2),
    EXTERN_COST("extern_cost", GAS, V2),
    WASM_EXEC_INSTRUCTION_COST("wasm_rules.exec_instruction_cost", GAS, V2),

    // FVM v2, v3 and v4
    SEND_TRANSFER_FUNDS("send_transfer_funds", GAS, V2, V3, V4),
    // negative in v2 (Gas::new(-5377)), a discount on top of send_base; v3 and v4 gas is unsigned
    SEND_INVOKE_METHOD("send_invoke_method", GAS, true, V2, V3, V4),
    SECP256K1_RECOVER_COST("secp256k1_recover_cost", GAS, V2, V3, V4),
    COMPUTE_UNSEALED_SECTOR_CID_BASE("compute_unsealed_sector_cid_base", GAS, V2, V3, V4),
    VERIFY_SEAL_BASE("verify_seal_base", GAS, V2, V3, V4),
    VERIFY_AGGREGATE_SEAL_PER("verify_aggregate_seal_per", SEAL_PROOF_GAS, V2, V3, V4),
    VERIFY_AGGREGATE_SEAL_STEPS("verify_aggregate_seal_steps", SEAL_PROOF_STEPS, V2, V3, V4),
    VERIFY_CONSENSUS_FAULT("verify_consensus_fault", GAS, V2, V3, V4),
    VERIFY_REPLICA_UPDATE("verify_replica_update", GAS, V2, V3, V4),
    VERIFY_POST_LOOKUP("verify_post_lookup", POST_PROOF_SCALING, V2, V3, V4),

    // FVM v2 and v3: v4 moved it to wasm_rules.host_call_cost
    SYSCALL_COST("syscall_cost", GAS, V2, V3),

    // FVM v3 and v4
    ON_CHAIN_MESSAGE_COMPUTE("on_chain_message_compute", SCALING, V3, V4),
    ON_CHAIN_MESSAGE_STORAGE("on_chain_message_storage", SCALING, V3, V4),
    ON_CHAIN_RETURN_COMPUTE("on_chain_return_compute", SCALING, V3, V4),
    ON_CHAIN_RETURN_STORAGE("on_chain_return_storage", SCALING, V3, V4),
    ADDRESS_LOOKUP("address_lookup", GAS, V3, V4),
    ADDRESS_ASSIGNMENT("address_assignment", GAS, V3, V4),
    ACTOR_LOOKUP("actor_lookup", GAS, V3, V4),
    ACTOR_UPDATE("actor_update", GAS, V3, V4),
    ACTOR_CREATE_STORAGE("actor_create_storage", GAS, V3, V4),
    SIG_COST("sig_cost", SIGNATURE_SCALING, V3, V4),
    HASHING_COST("hashing_cost", HASH_SCALING, V3, V4),
    BLOCK_MEMCPY("block_memcpy", SCALING, V3, V4),
    BLOCK_ALLOCATE("block_allocate", SCALING, V3, V4),
    BLOCK_MEMORY_RETENTION_MINIMUM("block_memory_retention_minimum", SCALING, V3, V4),
    BLOCK_OPEN("block_open", SCALING, V3, V4),
    BLOCK_PERSIST_STORAGE("block_persist_storage", SCALING, V3, V4),
    BLOCK_PERSIST_COMPUTE("block_persist_compute", GAS, V3, V4),
    BUILTIN_ACTOR_MANIFEST_LOOKUP("builtin_actor_manifest_lookup", GAS, V3, V4),
    NETWORK_CONTEXT("network_context", GAS, V3, V4),
    MESSAGE_CONTEXT("message_context", GAS, V3, V4),
    INSTALL_WASM_PER_BYTE_COST("install_wasm_per_byte_cost", GAS, V3, V4),
    PRELOADED_ACTORS("preloaded_actors", ACTOR_IDS, V3, V4),
    WASM_INSTRUCTION_DEFAULT("wasm_rules.instruction_default", GAS, V3, V4),
    WASM_MATH_DEFAULT("wasm_rules.math_default", GAS, V3, V4),
    WASM_JUMP_UNCONDITIONAL("wasm_rules.jump_unconditional", GAS, V3, V4),
    WASM_JUMP_CONDITIONAL("wasm_rules.jump_conditional", GAS, V3, V4),
    WASM_JUMP_INDIRECT("wasm_rules.jump_indirect", GAS, V3, V4),
    WASM_CALL("wasm_rules.call", GAS, V3, V4),
    WASM_MEMORY_FILL_BASE_COST("wasm_rules.memory_fill_base_cost", GAS, V3, V4),
    WASM_MEMORY_FILL_PER_BYTE_COST("wasm_rules.memory_fill_per_byte_cost", GAS, V3, V4),
    WASM_MEMORY_ACCESS_COST("wasm_rules.memory_access_cost", GAS, V3, V4),
    WASM_MEMORY_COPY_PER_BYTE_COST("wasm_rules.memory_copy_per_byte_cost", GAS, V3, V4),

    // FVM v3 only: v4 replaced them with lookback_cost (FIP-0075) and event_per_entry / utf8_validation (FIP-0072)
    TIPSET_CID_LATEST("tipset_cid_latest", GAS, V3),
    TIPSET_CID_HISTORICAL("tipset_cid_historical", GAS, V3),
    GET_RANDOMNESS_SEED("get_randomness_seed", GAS, V3),
    EVENT_VALIDATION_COST("event_validation_cost", SCALING, V3),
    EVENT_ACCEPT_PER_INDEX_ELEMENT("event_accept_per_index_element", SCALING, V3),

    // FVM v4 only
    BLS_PAIRING_COST("bls_pairing_cost", GAS, V4),
    BLS_HASHING_COST("bls_hashing_cost", SCALING, V4),
    LOOKBACK_COST("lookback_cost", SCALING, V4),
    EVENT_PER_ENTRY("event_per_entry", SCALING, V4),
    UTF8_VALIDATION("utf8_validation", SCALING, V4),
    IPLD_CBOR_SCAN_PER_FIELD("ipld_cbor_scan_per_field", GAS, V4),
    IPLD_CBOR_SCAN_PER_CID("ipld_cbor_scan_per_cid", GAS, V4),
    IPLD_LINK_TRACKED("ipld_link_tracked", GAS, V4),
    IPLD_LINK_CHECKED("ipld_link_checked", GAS, V4),
    WASM_HOST_CALL_COST("wasm_rules.host_call_cost", GAS, V4);

    private final String referenceName;
    private final PriceEntryKind kind;
    private final boolean negativeInV2;
    private final Set<FvmGeneration> generations;

    PriceEntry(String referenceName, PriceEntryKind kind, FvmGeneration... generations) {
        this(referenceName, kind, false, generations);
    }

    PriceEntry(String referenceName, PriceEntryKind kind, boolean negativeInV2, FvmGeneration... generations) {
        this.referenceName = referenceName;
        this.kind = kind;
        this.negativeInV2 = negativeInV2;
        this.generations = Set.copyOf(EnumSet.of(generations[0], generations));
    }

    /** The reference's field name, also the key in price list files. */
    public String referenceName() {
        return referenceName;
    }

    public PriceEntryKind kind() {
        return kind;
    }

    /** Whether price lists of {@code generation} have this entry. */
    public boolean usedBy(FvmGeneration generation) {
        return generations.contains(generation);
    }

    public Set<FvmGeneration> generations() {
        return generations;
    }

    /**
     * Whether a negative value is legal: only for the two FVM v2 entries the reference itself sets negative (refund and
     * discount). Everywhere else, and always in FVM v3 and v4 whose gas is unsigned, a negative price is an error.
     */
    public boolean allowsNegative(FvmGeneration generation) {
        return negativeInV2 && generation == V2;
    }

    /** The entries a price list of {@code generation} has, in declaration order. */
    public static Set<PriceEntry> entriesOf(FvmGeneration generation) {
        EnumSet<PriceEntry> entries = EnumSet.noneOf(PriceEntry.class);
        for (PriceEntry entry : values()) {
            if (entry.usedBy(generation)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    public static Optional<PriceEntry> fromReferenceName(String name) {
        for (PriceEntry entry : values()) {
            if (entry.referenceName.equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
