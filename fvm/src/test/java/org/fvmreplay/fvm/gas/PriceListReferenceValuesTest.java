package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fvmreplay.fvm.gas.PriceEntry.*;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1;
import static org.fvmreplay.fvm.gas.RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_32GIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_64GIB_V1_P1;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every entry of every reference price list, field by field. Expected values are copied from ref-fvm
 * {@code fvm/src/gas/price_list.rs}: {@code release/v2} at 9ea5a0511ccc (OH_SNAP_PRICES lines 24-148, SKYR_PRICES lines
 * 150-274), {@code release/v3} at ba5a08c0bd4f (HYGGE_PRICES lines 67-322) and {@code master} at ef0a9937 (fvm 4.8.2;
 * WATERMELON_PRICES lines 83-313, TEEP_PRICES lines 315-397). {@code Gas::new(x)} is x * 1000 milligas.
 */
class PriceListReferenceValuesTest {
    private static final long GAS = 1000;

    /** Asserts entries and remembers which, so each test can prove it covered the whole list. */
    private static final class Checker {
        private final PriceList list;
        private final Set<PriceEntry> checked = EnumSet.noneOf(PriceEntry.class);

        Checker(PriceList list) {
            this.list = list;
        }

        void gas(PriceEntry entry, long expectedMilligas) {
            assertThat(list.gas(entry)).as(entry.referenceName()).isEqualTo(expectedMilligas);
            checked.add(entry);
        }

        void scaling(PriceEntry entry, long flatMilligas, long scaleMilligas) {
            assertThat(list.scaling(entry))
                    .as(entry.referenceName())
                    .isEqualTo(new ScalingCost(flatMilligas, scaleMilligas));
            checked.add(entry);
        }

        void value(PriceEntry entry, Object expected) {
            assertThat(list.value(entry)).as(entry.referenceName()).isEqualTo(expected);
            checked.add(entry);
        }

        void assertAllChecked() {
            assertThat(checked).isEqualTo(PriceEntry.entriesOf(list.generation()));
            assertThat(list.entries()).isEqualTo(PriceEntry.entriesOf(list.generation()));
        }
    }

    // identical in OH_SNAP, SKYR and HYGGE: verify_aggregate_seal_per / verify_aggregate_seal_steps
    private static final Map<RegisteredSealProof, Long> AGGREGATE_PER = Map.of(
            STACKED_DRG_32GIB_V1_P1, 449900 * GAS,
            STACKED_DRG_64GIB_V1_P1, 359272 * GAS);

    private static final Map<RegisteredSealProof, StepCost> AGGREGATE_STEPS = Map.of(
            STACKED_DRG_32GIB_V1_P1,
                    steps(
                            4, 103994170, 7, 112356810, 13, 122912610, 26, 137559930, 52, 162039100, 103, 210960780,
                            205, 318351180, 410, 528274980),
            STACKED_DRG_64GIB_V1_P1,
                    steps(
                            4, 102581240, 7, 110803030, 13, 120803700, 26, 134642130, 52, 157357890, 103, 203017690,
                            205, 304253590, 410, 509880640));

    // verify_post_lookup: ScalingCost { flat: Gas::new(117680921), scale: Gas::new(43780) } for every listed type
    private static final ScalingCost POST = new ScalingCost(117680921 * GAS, 43780 * GAS);

    private static StepCost steps(long... startAndGas) {
        Step[] steps = new Step[startAndGas.length / 2];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new Step(startAndGas[2 * i], startAndGas[2 * i + 1] * GAS);
        }
        return new StepCost(List.of(steps));
    }

    /** The entries OH_SNAP_PRICES and SKYR_PRICES share verbatim (v2 lines 25-52 / 151-178, 96-126 / 222-252, 130-141 / 256-267). */
    private static void checkCommonV2(Checker c) {
        c.value(STORAGE_GAS_MULTIPLIER, 1300L); // storage_gas_multiplier: 1300
        c.gas(ON_CHAIN_MESSAGE_COMPUTE_BASE, 38863 * GAS); // Gas::new(38863)
        c.gas(ON_CHAIN_MESSAGE_STORAGE_BASE, 36 * GAS); // Gas::new(36)
        c.gas(ON_CHAIN_MESSAGE_STORAGE_PER_BYTE, GAS); // Gas::new(1)
        c.gas(ON_CHAIN_RETURN_VALUE_PER_BYTE, GAS); // Gas::new(1)
        c.gas(SEND_BASE, 29233 * GAS); // Gas::new(29233)
        c.gas(SEND_TRANSFER_FUNDS, 27500 * GAS); // Gas::new(27500)
        c.gas(SEND_TRANSFER_ONLY_PREMIUM, 159672 * GAS); // Gas::new(159672)
        c.gas(SEND_INVOKE_METHOD, -5377 * GAS); // Gas::new(-5377)
        c.gas(CREATE_ACTOR_COMPUTE, 1108454 * GAS); // Gas::new(1108454)
        c.gas(CREATE_ACTOR_STORAGE, (36 + 40) * GAS); // Gas::new(36 + 40)
        c.gas(DELETE_ACTOR, -(36 + 40) * GAS); // Gas::new(-(36 + 40))
        c.gas(BLS_SIG_COST, 16598605 * GAS); // Gas::new(16598605)
        c.gas(SECP256K1_SIG_COST, 1637292 * GAS); // Gas::new(1637292)
        c.gas(SECP256K1_RECOVER_COST, 1637292 * GAS); // Gas::new(1637292)
        c.gas(HASHING_BASE, 31355 * GAS); // Gas::new(31355)
        c.gas(COMPUTE_UNSEALED_SECTOR_CID_BASE, 98647 * GAS); // Gas::new(98647)
        c.gas(VERIFY_SEAL_BASE, 2000 * GAS); // Gas::new(2000)
        c.gas(VERIFY_AGGREGATE_SEAL_BASE, 0); // Zero::zero()
        c.value(VERIFY_AGGREGATE_SEAL_PER, AGGREGATE_PER);
        c.value(VERIFY_AGGREGATE_SEAL_STEPS, AGGREGATE_STEPS);
        c.gas(VERIFY_CONSENSUS_FAULT, 495422 * GAS); // Gas::new(495422)
        c.gas(VERIFY_REPLICA_UPDATE, 36316136 * GAS); // Gas::new(36316136)
        // v2 lists only the three V1 window PoSt types
        c.value(
                VERIFY_POST_LOOKUP,
                Map.of(
                        STACKED_DRG_WINDOW_512MIB_V1,
                        POST,
                        STACKED_DRG_WINDOW_32GIB_V1,
                        POST,
                        STACKED_DRG_WINDOW_64GIB_V1,
                        POST));
        c.gas(GET_RANDOMNESS_BASE, 0); // Zero::zero()
        c.gas(GET_RANDOMNESS_PER_BYTE, 0); // Zero::zero()
        c.gas(BLOCK_OPEN_BASE, 114617 * GAS); // Gas::new(114617)
        c.gas(BLOCK_LINK_BASE, 353640 * GAS); // Gas::new(353640)
        c.gas(BLOCK_LINK_STORAGE_PER_BYTE_COST, GAS); // Gas::new(1)
        c.gas(BLOCK_CREATE_BASE, 0); // Zero::zero()
        c.gas(BLOCK_READ_BASE, 0); // Zero::zero()
        c.gas(BLOCK_STAT_BASE, 0); // Zero::zero()
    }

    @Test
    void ohSnapPrices() {
        PriceList list = PriceLists.byName(PriceLists.OH_SNAP);
        assertThat(list.name()).isEqualTo("OH_SNAP_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V2);
        Checker c = new Checker(list);
        checkCommonV2(c);
        c.gas(BLOCK_MEMCPY_PER_BYTE_COST, 0); // line 128: Zero::zero()
        c.gas(BLOCK_OPEN_MEMRET_PER_BYTE_COST, 0); // line 131: Zero::zero()
        c.gas(BLOCK_CREATE_MEMRET_PER_BYTE_COST, 0); // line 137: Zero::zero()
        c.gas(SYSCALL_COST, 0); // line 142: Zero::zero()
        c.gas(EXTERN_COST, 0); // line 143: Zero::zero()
        c.gas(WASM_EXEC_INSTRUCTION_COST, 0); // line 146: exec_instruction_cost: Zero::zero()
        c.assertAllChecked();
    }

    @Test
    void skyrPrices() {
        PriceList list = PriceLists.byName(PriceLists.SKYR);
        assertThat(list.name()).isEqualTo("SKYR_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V2);
        Checker c = new Checker(list);
        checkCommonV2(c);
        c.gas(BLOCK_MEMCPY_PER_BYTE_COST, 500); // line 254: Gas::from_milligas(500)
        c.gas(BLOCK_OPEN_MEMRET_PER_BYTE_COST, 10 * GAS); // line 257: Gas::new(10)
        c.gas(BLOCK_CREATE_MEMRET_PER_BYTE_COST, 10 * GAS); // line 263: Gas::new(10)
        c.gas(SYSCALL_COST, 14000 * GAS); // line 268: Gas::new(14000)
        c.gas(EXTERN_COST, 21000 * GAS); // line 269: Gas::new(21000)
        c.gas(WASM_EXEC_INSTRUCTION_COST, 4 * GAS); // line 272: exec_instruction_cost: Gas::new(4)
        c.assertAllChecked();
    }

    @Test
    void hyggePrices() {
        PriceList list = PriceLists.byName(PriceLists.HYGGE);
        assertThat(list.name()).isEqualTo("HYGGE_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V3);
        Checker c = new Checker(list);
        c.scaling(ON_CHAIN_MESSAGE_COMPUTE, 38863 * GAS, 0); // line 68: ScalingCost::fixed(Gas::new(38863))
        c.scaling(
                ON_CHAIN_MESSAGE_STORAGE,
                36 * 1300 * GAS,
                1300 * GAS); // lines 69-72: flat Gas::new(36*1300), scale Gas::new(1300)
        c.scaling(ON_CHAIN_RETURN_COMPUTE, 0, 0); // line 74: ScalingCost::zero()
        c.scaling(ON_CHAIN_RETURN_STORAGE, 0, 1300 * GAS); // lines 75-78
        c.gas(SEND_TRANSFER_FUNDS, 6000 * GAS); // line 80
        c.gas(SEND_INVOKE_METHOD, 75000 * GAS); // line 81
        c.gas(ACTOR_LOOKUP, 500_000 * GAS); // line 83
        c.gas(ACTOR_UPDATE, 475_000 * GAS); // line 84
        c.gas(ACTOR_CREATE_STORAGE, 650_000 * GAS); // line 85
        c.gas(ADDRESS_LOOKUP, 1_050_000 * GAS); // line 87
        c.gas(ADDRESS_ASSIGNMENT, 1_000_000 * GAS); // line 88
        c.value(
                SIG_COST,
                Map.of( // lines 90-101
                        SignatureType.SECP256K1, new ScalingCost(1637292 * GAS, 10 * GAS),
                        SignatureType.BLS, new ScalingCost(16598605 * GAS, 26 * GAS)));
        c.gas(SECP256K1_RECOVER_COST, 1637292 * GAS); // line 102
        c.value(
                HASHING_COST,
                Map.of( // lines 103-126
                        SupportedHash.SHA2_256, new ScalingCost(0, 7 * GAS),
                        SupportedHash.BLAKE2B_256, new ScalingCost(0, 10 * GAS),
                        SupportedHash.BLAKE2B_512, new ScalingCost(0, 10 * GAS),
                        SupportedHash.KECCAK_256, new ScalingCost(0, 33 * GAS),
                        SupportedHash.RIPEMD_160, new ScalingCost(0, 35 * GAS)));
        c.gas(TIPSET_CID_LATEST, 50_000 * GAS); // line 128
        c.gas(TIPSET_CID_HISTORICAL, 215_000 * GAS); // line 129
        c.gas(COMPUTE_UNSEALED_SECTOR_CID_BASE, 98647 * GAS); // line 131
        c.gas(VERIFY_SEAL_BASE, 2000 * GAS); // line 132
        c.value(VERIFY_AGGREGATE_SEAL_PER, AGGREGATE_PER); // lines 134-143
        c.value(VERIFY_AGGREGATE_SEAL_STEPS, AGGREGATE_STEPS); // lines 144-177
        c.gas(VERIFY_CONSENSUS_FAULT, 516422 * GAS); // line 179 (v2: 495422)
        c.gas(VERIFY_REPLICA_UPDATE, 36316136 * GAS); // line 181
        c.value(
                VERIFY_POST_LOOKUP,
                Map.of( // lines 182-227: V1 and V1P1 window types
                        STACKED_DRG_WINDOW_512MIB_V1,
                        POST,
                        STACKED_DRG_WINDOW_32GIB_V1,
                        POST,
                        STACKED_DRG_WINDOW_64GIB_V1,
                        POST,
                        STACKED_DRG_WINDOW_512MIB_V1_P1,
                        POST,
                        STACKED_DRG_WINDOW_32GIB_V1_P1,
                        POST,
                        STACKED_DRG_WINDOW_64GIB_V1_P1,
                        POST));
        c.gas(GET_RANDOMNESS_SEED, 21000 * GAS); // line 231
        c.scaling(BLOCK_ALLOCATE, 0, 2 * GAS); // lines 233-236
        c.scaling(BLOCK_MEMCPY, 0, 400); // lines 238-241: Gas::from_milligas(400)
        c.scaling(BLOCK_MEMORY_RETENTION_MINIMUM, 0, 10 * GAS); // lines 243-246
        c.scaling(BLOCK_OPEN, 187440 * GAS, 0); // lines 248-258
        c.scaling(BLOCK_PERSIST_STORAGE, 334000 * GAS, 3340 * GAS); // lines 260-263
        c.gas(BLOCK_PERSIST_COMPUTE, 172000 * GAS); // line 265
        c.gas(SYSCALL_COST, 14000 * GAS); // line 267
        c.gas(BUILTIN_ACTOR_MANIFEST_LOOKUP, 0); // line 270
        c.gas(NETWORK_CONTEXT, 0); // line 272
        c.gas(MESSAGE_CONTEXT, 0); // line 274
        c.gas(INSTALL_WASM_PER_BYTE_COST, 0); // line 276
        c.gas(WASM_INSTRUCTION_DEFAULT, 4 * GAS); // line 280
        c.gas(WASM_MATH_DEFAULT, 4 * GAS); // line 281
        c.gas(WASM_JUMP_UNCONDITIONAL, 4 * GAS); // line 282
        c.gas(WASM_JUMP_CONDITIONAL, 4 * GAS); // line 283
        c.gas(WASM_JUMP_INDIRECT, 4 * GAS); // line 284
        c.gas(WASM_CALL, 0); // line 287
        c.gas(WASM_MEMORY_FILL_BASE_COST, 0); // line 288
        c.gas(WASM_MEMORY_ACCESS_COST, 0); // line 289
        c.gas(WASM_MEMORY_COPY_PER_BYTE_COST, 400); // line 292: Gas::from_milligas(400)
        c.gas(WASM_MEMORY_FILL_PER_BYTE_COST, 400); // line 293: Gas::from_milligas(400)
        c.scaling(EVENT_VALIDATION_COST, 1750 * GAS, 25 * GAS); // lines 306-309
        c.scaling(EVENT_ACCEPT_PER_INDEX_ELEMENT, 0, 0); // lines 315-318
        c.value(PRELOADED_ACTORS, List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 10L, 99L)); // line 321
        c.assertAllChecked();
        assertThat(list.preloadedActors()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 10L, 99L);
    }

    // v4 verify_post_lookup (master lines 199-223): only the V1P1 window types, fvm_shared v4 having dropped the V1
    // ones
    private static final Map<RegisteredPoStProof, ScalingCost> V4_POST = Map.of(
            STACKED_DRG_WINDOW_512MIB_V1_P1,
            POST,
            STACKED_DRG_WINDOW_32GIB_V1_P1,
            POST,
            STACKED_DRG_WINDOW_64GIB_V1_P1,
            POST);

    /**
     * WATERMELON_PRICES, ref-fvm {@code master} at ef0a9937 (fvm 4.8.2), lines 83-313; TEEP_PRICES (lines 315-397) takes
     * every entry from it except the three {@link #teepPrices()} checks.
     */
    private static void checkWatermelonEntries(Checker c, boolean exceptTeepEntries) {
        c.scaling(ON_CHAIN_MESSAGE_COMPUTE, 38863 * GAS, 0); // line 84: ScalingCost::fixed(Gas::new(38863))
        c.scaling(
                ON_CHAIN_MESSAGE_STORAGE,
                36 * 1300 * GAS,
                1300 * GAS); // lines 85-88: flat Gas::new(36*1300), scale Gas::new(1300)
        c.scaling(ON_CHAIN_RETURN_COMPUTE, 0, 0); // line 90: ScalingCost::zero()
        c.scaling(ON_CHAIN_RETURN_STORAGE, 0, 1300 * GAS); // lines 91-94
        c.gas(SEND_TRANSFER_FUNDS, 6000 * GAS); // line 96
        c.gas(SEND_INVOKE_METHOD, 75000 * GAS); // line 97
        c.gas(ACTOR_LOOKUP, 500_000 * GAS); // line 99
        c.gas(ACTOR_UPDATE, 475_000 * GAS); // line 100
        c.gas(ACTOR_CREATE_STORAGE, 650_000 * GAS); // line 101
        c.gas(ADDRESS_LOOKUP, 1_050_000 * GAS); // line 103
        c.gas(ADDRESS_ASSIGNMENT, 1_000_000 * GAS); // line 104
        c.value(
                SIG_COST,
                Map.of( // lines 106-118 (cfg verify-signature, on in Lotus)
                        SignatureType.SECP256K1, new ScalingCost(1637292 * GAS, 10 * GAS),
                        SignatureType.BLS, new ScalingCost(16598605 * GAS, 26 * GAS)));
        c.gas(SECP256K1_RECOVER_COST, 1637292 * GAS); // line 119
        c.gas(BLS_PAIRING_COST, 8299302 * GAS); // line 120
        c.scaling(BLS_HASHING_COST, 0, 7 * GAS); // lines 121-124: flat Gas::zero(), scale Gas::new(7)
        c.value(
                HASHING_COST,
                Map.of( // lines 125-148
                        SupportedHash.SHA2_256, new ScalingCost(0, 7 * GAS),
                        SupportedHash.BLAKE2B_256, new ScalingCost(0, 10 * GAS),
                        SupportedHash.BLAKE2B_512, new ScalingCost(0, 10 * GAS),
                        SupportedHash.KECCAK_256, new ScalingCost(0, 33 * GAS),
                        SupportedHash.RIPEMD_160, new ScalingCost(0, 35 * GAS)));
        c.gas(COMPUTE_UNSEALED_SECTOR_CID_BASE, 98647 * GAS); // line 150
        if (!exceptTeepEntries) {
            c.gas(VERIFY_SEAL_BASE, 2000 * GAS); // line 151
            c.value(VERIFY_AGGREGATE_SEAL_PER, AGGREGATE_PER); // lines 153-162
            c.value(VERIFY_AGGREGATE_SEAL_STEPS, AGGREGATE_STEPS); // lines 163-194
        }
        c.gas(VERIFY_CONSENSUS_FAULT, 516422 * GAS); // line 196
        c.gas(VERIFY_REPLICA_UPDATE, 36316136 * GAS); // line 198
        c.value(VERIFY_POST_LOOKUP, V4_POST); // lines 199-223
        c.scaling(
                LOOKBACK_COST,
                (5800 * 19 + 15000 + 21000) * GAS,
                75 * GAS); // lines 225-231: 146200 gas flat, 75 gas per epoch
        c.scaling(BLOCK_ALLOCATE, 0, 2 * GAS); // lines 233-236
        c.scaling(BLOCK_MEMCPY, 0, 400); // lines 238-241: Gas::from_milligas(400)
        c.scaling(BLOCK_MEMORY_RETENTION_MINIMUM, 0, 10 * GAS); // lines 243-246
        c.scaling(BLOCK_OPEN, 187440 * GAS, 0); // lines 248-258
        c.scaling(BLOCK_PERSIST_STORAGE, 334000 * GAS, 3340 * GAS); // lines 260-263
        c.gas(BLOCK_PERSIST_COMPUTE, 172000 * GAS); // line 265
        c.gas(BUILTIN_ACTOR_MANIFEST_LOOKUP, 0); // line 268
        c.gas(NETWORK_CONTEXT, 0); // line 270
        c.gas(MESSAGE_CONTEXT, 0); // line 272
        c.gas(INSTALL_WASM_PER_BYTE_COST, 0); // line 274
        c.gas(WASM_INSTRUCTION_DEFAULT, 4 * GAS); // line 278
        c.gas(WASM_MATH_DEFAULT, 4 * GAS); // line 279
        c.gas(WASM_JUMP_UNCONDITIONAL, 4 * GAS); // line 280
        c.gas(WASM_JUMP_CONDITIONAL, 4 * GAS); // line 281
        c.gas(WASM_JUMP_INDIRECT, 4 * GAS); // line 282
        c.gas(WASM_CALL, 0); // line 285
        c.gas(WASM_MEMORY_FILL_BASE_COST, 0); // line 286
        c.gas(WASM_MEMORY_ACCESS_COST, 0); // line 287
        c.gas(WASM_MEMORY_COPY_PER_BYTE_COST, 400); // line 290: Gas::from_milligas(400)
        c.gas(WASM_MEMORY_FILL_PER_BYTE_COST, 400); // line 291: Gas::from_milligas(400)
        c.gas(WASM_HOST_CALL_COST, 14000 * GAS); // line 293 (v3's syscall_cost)
        c.scaling(EVENT_PER_ENTRY, 2000 * GAS, 1400 * GAS); // lines 296-299
        c.scaling(UTF8_VALIDATION, 500 * GAS, 16 * GAS); // lines 301-304
        c.value(PRELOADED_ACTORS, List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 10L, 99L)); // line 307
        c.gas(IPLD_CBOR_SCAN_PER_CID, 400 * GAS); // line 309
        c.gas(IPLD_CBOR_SCAN_PER_FIELD, 35 * GAS); // line 310
        c.gas(IPLD_LINK_TRACKED, 300 * GAS); // line 311
        c.gas(IPLD_LINK_CHECKED, 300 * GAS); // line 312
    }

    @Test
    void watermelonPrices() {
        PriceList list = PriceLists.byName(PriceLists.WATERMELON);
        assertThat(list.name()).isEqualTo("WATERMELON_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V4);
        Checker c = new Checker(list);
        checkWatermelonEntries(c, false);
        c.assertAllChecked();
    }

    @Test
    void teepPrices() {
        PriceList list = PriceLists.byName(PriceLists.TEEP);
        assertThat(list.name()).isEqualTo("TEEP_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V4);
        Checker c = new Checker(list);
        checkWatermelonEntries(c, true);
        c.gas(VERIFY_SEAL_BASE, 42_000_000 * GAS); // line 316: Gas::new(42_000_000)
        c.value(
                VERIFY_AGGREGATE_SEAL_PER,
                Map.of( // lines 317-334
                        STACKED_DRG_32GIB_V1_P1,
                        449900 * GAS,
                        STACKED_DRG_64GIB_V1_P1,
                        359272 * GAS,
                        RegisteredSealProof.STACKED_DRG_32GIB_V1_P2_NI_POREP,
                        44990 * 126 * GAS,
                        RegisteredSealProof.STACKED_DRG_64GIB_V1_P2_NI_POREP,
                        35928 * 126 * GAS));
        c.value(
                VERIFY_AGGREGATE_SEAL_STEPS,
                Map.of( // lines 335-394
                        STACKED_DRG_32GIB_V1_P1,
                        AGGREGATE_STEPS.get(STACKED_DRG_32GIB_V1_P1),
                        STACKED_DRG_64GIB_V1_P1,
                        AGGREGATE_STEPS.get(STACKED_DRG_64GIB_V1_P1),
                        RegisteredSealProof.STACKED_DRG_32GIB_V1_P2_NI_POREP,
                        steps(
                                1, 112356810, 2, 122912610, 3, 137559930, 5, 162039100, 9, 210960780, 17, 318351180, 33,
                                528274980),
                        RegisteredSealProof.STACKED_DRG_64GIB_V1_P2_NI_POREP,
                        steps(
                                1, 110803030, 2, 120803700, 3, 134642130, 5, 157357890, 9, 203017690, 17, 304253590, 33,
                                509880640)));
        c.assertAllChecked();
    }

    @Test
    void entryCatalogueMatchesReferenceStructs() {
        // v2 struct PriceList: 37 fields besides wasm_rules, whose WasmGasPrices has 1; v3: 38 besides wasm_rules,
        // which has 10;
        // v4: 41 besides wasm_rules, which has 11 (host_call_cost added)
        assertThat(PriceEntry.entriesOf(FvmGeneration.V2)).hasSize(37 + 1);
        assertThat(PriceEntry.entriesOf(FvmGeneration.V3)).hasSize(38 + 10);
        assertThat(PriceEntry.entriesOf(FvmGeneration.V4)).hasSize(41 + 11);
        // v3 -> v4: six fields removed, ten added (host_call_cost being v3's syscall_cost moved into wasm_rules)
        assertThat(PriceEntry.entriesOf(FvmGeneration.V3))
                .contains(TIPSET_CID_LATEST)
                .doesNotContain(LOOKBACK_COST);
        assertThat(PriceEntry.entriesOf(FvmGeneration.V4))
                .doesNotContain(
                        TIPSET_CID_LATEST,
                        TIPSET_CID_HISTORICAL,
                        GET_RANDOMNESS_SEED,
                        SYSCALL_COST,
                        EVENT_VALIDATION_COST,
                        EVENT_ACCEPT_PER_INDEX_ELEMENT)
                .contains(
                        LOOKBACK_COST,
                        EVENT_PER_ENTRY,
                        UTF8_VALIDATION,
                        IPLD_CBOR_SCAN_PER_FIELD,
                        IPLD_CBOR_SCAN_PER_CID,
                        IPLD_LINK_TRACKED,
                        IPLD_LINK_CHECKED,
                        BLS_PAIRING_COST,
                        BLS_HASHING_COST,
                        WASM_HOST_CALL_COST);
    }
}
