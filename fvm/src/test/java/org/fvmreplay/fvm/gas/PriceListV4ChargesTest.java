package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_32GIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_32GIB_V1_P2_NI_POREP;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_64GIB_V1_P1;
import static org.fvmreplay.fvm.gas.RegisteredSealProof.STACKED_DRG_64GIB_V1_P2_NI_POREP;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FVM v4 charges on chosen inputs, worked out by hand from ref-fvm {@code master} at ef0a9937 (fvm 4.8.2):
 * {@code fvm/src/gas/price_list.rs} lines 621-1080 ({@code impl PriceList}) and its tests (lines 1401-1642),
 * {@code fvm/src/ipld/mod.rs} and {@code cbor.rs} (the link scan), {@code fvm/src/syscalls/mod.rs} ({@code charge_syscall_gas}).
 * Amounts are milligas; each comment shows the arithmetic in gas.
 */
class PriceListV4ChargesTest {
    private static final long GAS = 1000;
    private static final PriceList WATERMELON = PriceLists.forNetworkVersion(21);
    private static final PriceList TEEP = PriceLists.forNetworkVersion(25);
    private static final PriceList HYGGE = PriceLists.forNetworkVersion(18);

    private static void assertCharge(GasCharge charge, String name, long compute, long other) {
        assertThat(charge).isEqualTo(new GasCharge(name, compute, other));
    }

    @Test
    void syscallChargesHostCallCost() {
        // charge_syscall_gas: kernel.charge_gas("OnSyscall", wasm_prices.host_call_cost), 14000 gas
        assertCharge(WATERMELON.onSyscall(), "OnSyscall", 14_000 * GAS, 0);
        assertCharge(TEEP.onSyscall(), "OnSyscall", 14_000 * GAS, 0);
    }

    @Test
    void methodInvocationTracksParameterLinks() {
        // send_invoke_method 75000 + ipld_link_tracked 300 * links; the parameter size is not priced
        assertCharge(WATERMELON.onMethodInvocation(0, 0), "OnMethodInvocation", 75_000 * GAS, 0);
        assertCharge(WATERMELON.onMethodInvocation(4096, 0), "OnMethodInvocation", 75_000 * GAS, 0);
        assertCharge(WATERMELON.onMethodInvocation(100, 3), "OnMethodInvocation", 75_900 * GAS, 0);
        assertCharge(WATERMELON.onValueTransfer(), "OnValueTransfer", 6_000 * GAS, 0);
    }

    @Test
    void methodReturn() {
        // depth 1: on_chain_return_compute 0 / on_chain_return_storage 1300 * 10 bytes, links not priced
        assertThat(WATERMELON.onMethodReturn(1, 10, 2)).contains(new GasCharge("OnChainReturnValue", 0, 13_000 * GAS));
        // deeper: ipld_link_tracked 300 * links, and a zero charge (not none) when there are no links, as the reference
        assertThat(WATERMELON.onMethodReturn(2, 10, 3)).contains(new GasCharge("OnReturnValue", 900 * GAS, 0));
        assertThat(WATERMELON.onMethodReturn(2, 10, 0)).contains(new GasCharge("OnReturnValue", 0, 0));
        assertThat(WATERMELON.onMethodReturn(1024, 0, 0)).contains(new GasCharge("OnReturnValue", 0, 0));
        // v3 charged nothing below the top level
        assertThat(HYGGE.onMethodReturn(2, 10)).isEmpty();
    }

    @Test
    void lookbackCharges() {
        // lookback_cost: flat 5800 * 19 + 15000 + 21000 = 146200, scale 75 per epoch, as "other"
        assertCharge(WATERMELON.onGetRandomnessLookback(0), "OnGetRandomness", 0, 146_200 * GAS);
        assertCharge(WATERMELON.onGetRandomnessLookback(10), "OnGetRandomness", 0, (146_200 + 750) * GAS);
        assertCharge(WATERMELON.onGetRandomnessLookback(900), "OnGetRandomness", 0, (146_200 + 67_500) * GAS);
        assertCharge(TEEP.onTipsetCidLookback(1), "OnTipsetCid", 0, 146_275 * GAS);
        assertCharge(TEEP.onTipsetCidLookback(2880), "OnTipsetCid", 0, (146_200 + 216_000) * GAS);
        // FIP-0075: 75 * lookback + 146200
        assertThat(WATERMELON.onTipsetCidLookback(12345).totalMilligas()).isEqualTo((75 * 12345 + 146_200) * GAS);
    }

    @Test
    void lookbackSaturates() {
        // 75000 milligas * (2^63 - 1) epochs saturates
        assertCharge(WATERMELON.onGetRandomnessLookback(Long.MAX_VALUE), "OnGetRandomness", 0, Long.MAX_VALUE);
        assertCharge(WATERMELON.onTipsetCidLookback(Long.MAX_VALUE / 75_000 + 1), "OnTipsetCid", 0, Long.MAX_VALUE);
        // `lookback as u64`: a future epoch gives a negative lookback, i.e. at least 2^63 epochs, which saturates too
        assertCharge(WATERMELON.onGetRandomnessLookback(-1), "OnGetRandomness", 0, Long.MAX_VALUE);
        assertCharge(WATERMELON.onTipsetCidLookback(Long.MIN_VALUE), "OnTipsetCid", 0, Long.MAX_VALUE);
    }

    @Test
    void blockOpen() {
        // base: ipld_link_checked 300 compute, block_open.flat 187440 other
        assertCharge(WATERMELON.onBlockOpenBase(), "OnBlockOpenBase", 300 * GAS, 187_440 * GAS);
        // reference test_read_write: on_block_open(10, 0) totals 100 gas (the retention minimum 10 gas/byte)
        assertThat(WATERMELON.onBlockOpen(10, 0).totalMilligas()).isEqualTo(100 * GAS);
        // compute = 300 * links; other = 0 * size + alloc 2 * size + memcpy 0.4 * size + max(0, 10 * size - compute -
        // those)
        assertCharge(WATERMELON.onBlockOpen(10, 0), "OnBlockOpen", 0, 24 * GAS + 76 * GAS);
        assertCharge(WATERMELON.onBlockOpen(10, 1), "OnBlockOpen", 300 * GAS, 24 * GAS);
        // 1000 bytes, 2 links: compute 600; block 2400; retention 10000 - 3000 = 7000
        assertCharge(WATERMELON.onBlockOpen(1000, 2), "OnBlockOpen", 600 * GAS, 2_400 * GAS + 7_000 * GAS);
        assertCharge(WATERMELON.onBlockOpen(0, 0), "OnBlockOpen", 0, 0);
    }

    @Test
    void blockCreate() {
        // reference test_read_write: on_block_create(10, 0) totals 100 gas
        assertThat(WATERMELON.onBlockCreate(10, 0).totalMilligas()).isEqualTo(100 * GAS);
        // compute = memcpy 0.4 * size + alloc 2 * size + ipld_link_checked 300 * links; other = max(0, 10 * size -
        // compute)
        assertCharge(WATERMELON.onBlockCreate(10, 0), "OnBlockCreate", 24 * GAS, 76 * GAS);
        assertCharge(WATERMELON.onBlockCreate(10, 1), "OnBlockCreate", 324 * GAS, 0);
        assertCharge(WATERMELON.onBlockCreate(1000, 2), "OnBlockCreate", 3_000 * GAS, 7_000 * GAS);
    }

    @Test
    void blockLinkReadAndStat() {
        // v3's compute (memcpy 40 + alloc 200 + Blake2b256 1000 for 100 bytes) + ipld_link_tracked 300; other 172000 +
        // 334000 + 3340 * 100
        assertCharge(
                WATERMELON.onBlockLink(SupportedHash.BLAKE2B_256, 100),
                "OnBlockLink",
                1_540 * GAS,
                (172_000 + 334_000 + 334_000) * GAS);
        assertThat(WATERMELON.onBlockLink(SupportedHash.BLAKE2B_256, 100).computeMilligas())
                .isEqualTo(HYGGE.onBlockLink(SupportedHash.BLAKE2B_256, 100).computeMilligas() + 300 * GAS);
        assertCharge(WATERMELON.onBlockRead(4096), "OnBlockRead", 1_638_400, 0);
        assertCharge(WATERMELON.onBlockStat(), "OnBlockStat", 0, 0);
    }

    @Test
    void scanIpldLinks() {
        // ipld_cbor_scan_per_field 35 per CBOR header read, ipld_cbor_scan_per_cid 400 per tag-42 CID, all compute
        assertCharge(WATERMELON.onScanIpldLinks(0, 0), "OnScanIpldLinks", 0, 0);
        // reference ipld test basic_cbor: the tuple (0, cid, 1) reads 4 headers (array, 0, tag 42, 1) and 1 CID
        assertCharge(WATERMELON.onScanIpldLinks(4, 1), "OnScanIpldLinks", (4 * 35 + 400) * GAS, 0);
        // recursive_cbor: the same tuple inlined as an identity CID doubles both counts
        assertCharge(WATERMELON.onScanIpldLinks(8, 2), "OnScanIpldLinks", (8 * 35 + 2 * 400) * GAS, 0);
        assertCharge(WATERMELON.onScanIpldLinks(Long.MAX_VALUE, 1), "OnScanIpldLinks", Long.MAX_VALUE, 0);
    }

    @Test
    void actorEvent() {
        // 2 entries, 10 key bytes, 100 value bytes: estimated size 12 + 9 * 2 + 10 + 100 = 140 bytes
        // mem = memcpy 0.4 * 140 + alloc 2 * 140 = 56 + 280 = 336; hash = Blake2b256 10 * 140 = 1400
        // compute = 2 * 336 + event_per_entry (2000 + 1400 * 2) + utf8_validation (500 + 16 * 10) = 672 + 4800 + 660
        // other = 1400 + 336
        assertCharge(WATERMELON.onActorEvent(2, 10, 100), "OnActorEvent", 6_132 * GAS, 1_736 * GAS);
        // empty event: size 12; mem 4.8 + 24 = 28.8; compute 57.6 + 2000 + 500; other 120 + 28.8
        assertCharge(WATERMELON.onActorEvent(0, 0, 0), "OnActorEvent", 2_557_600, 148_800);
        // the limits (255 entries, 8 KiB of values) are checked after the charge, so large inputs are priced too
        assertThat(WATERMELON.onActorEvent(255, 255 * 31, 8192).totalMilligas()).isPositive();
    }

    @Test
    void rootsAndUtf8() {
        assertCharge(WATERMELON.onGetRoot(), "OnActorGetRoot", 300 * GAS, 0);
        assertCharge(WATERMELON.onSetRoot(), "OnActorSetRoot", 300 * GAS, 0);
        // utf8_validation 500 + 16 per byte
        assertCharge(WATERMELON.onUtf8Validation(0), "OnUtf8Validation", 500 * GAS, 0);
        assertCharge(WATERMELON.onUtf8Validation(31), "OnUtf8Validation", (500 + 16 * 31) * GAS, 0);
    }

    @Test
    void blsAggregateSignature() {
        // bls_pairing_cost 8299302 * (num_sigs + 1) + bls_hashing_cost 7 per byte
        assertCharge(WATERMELON.onVerifyAggregateSignature(0, 0), "OnVerifyBlsAggregateSignature", 8_299_302 * GAS, 0);
        assertCharge(
                WATERMELON.onVerifyAggregateSignature(3, 100),
                "OnVerifyBlsAggregateSignature",
                (4 * 8_299_302 + 700) * GAS,
                0);
        assertCharge(
                TEEP.onVerifyAggregateSignature(Long.MAX_VALUE, 0), "OnVerifyBlsAggregateSignature", Long.MAX_VALUE, 0);
    }

    @Test
    void chargesV4KeepsFromV3() {
        // identical prices and formulas to HYGGE
        for (PriceList list : List.of(WATERMELON, TEEP)) {
            assertThat(list.onChainMessage(200)).isEqualTo(HYGGE.onChainMessage(200));
            assertThat(list.onChainMessage(200).totalMilligas()).isEqualTo(820_663_000);
            assertThat(list.onChainReturnValue(10)).isEqualTo(HYGGE.onChainReturnValue(10));
            assertCharge(list.onCreateActor(true), "OnCreateActor", 0, 2_700_000_000L);
            assertCharge(list.onCreateActor(false), "OnCreateActor", 0, 650_000_000);
            assertCharge(list.onDeleteActor(), "OnDeleteActor", 0, 0);
            assertCharge(list.onActorLookup(), "OnActorLookup", 0, 500_000_000);
            assertCharge(list.onActorUpdate(), "OnActorUpdate", 0, 475_000_000);
            assertCharge(list.onActorCreate(), "OnActorCreate", 0, 650_000_000);
            assertCharge(list.onSelfBalance(), "OnSelfBalance", 0, 0);
            assertCharge(list.onBalanceOf(), "OnBalanceOf", 0, 0);
            assertCharge(list.onResolveAddress(), "OnResolveAddress", 0, 0);
            assertCharge(list.onLookupDelegatedAddress(), "OnLookupAddress", 0, 0);
            assertCharge(list.onGetActorCodeCid(), "OnGetActorCodeCid", 0, 0);
            assertCharge(list.onGetBuiltinActorType(), "OnGetBuiltinActorType", 0, 0);
            assertCharge(list.onGetCodeCidForType(), "OnGetCodeCidForType", 0, 0);
            assertCharge(list.onNetworkContext(), "OnNetworkContext", 0, 0);
            assertCharge(list.onMessageContext(), "OnMessageContext", 0, 0);
            assertCharge(list.onInstallActor(1000), "OnInstallActor", 0, 0);
            assertCharge(
                    list.onVerifySignature(SignatureType.BLS, 96), "OnVerifySignature", 16_598_605_000L + 2_496_000, 0);
            assertCharge(
                    list.onVerifySignature(SignatureType.SECP256K1, 32),
                    "OnVerifySignature",
                    1_637_292_000 + 320_000,
                    0);
            assertCharge(list.onRecoverSecpPublicKey(), "OnRecoverSecpPublicKey", 1_637_292_000, 0);
            assertCharge(list.onHashing(SupportedHash.KECCAK_256, 100), "OnHashing", 3_300_000, 0);
            assertCharge(list.onComputeUnsealedSectorCid(), "OnComputeUnsealedSectorCid", 98_647_000, 0);
            assertCharge(list.onVerifyReplicaUpdate(), "OnVerifyReplicaUpdate", 36_316_136_000L, 0);
            assertCharge(list.onVerifyConsensusFault(), "OnVerifyConsensusFault", 0, 516_422_000);
            // memory: fill base 0 + 0.4 gas per byte (tables: 8 bytes per element), on WasmGasPrices in the reference
            assertThat(list.initMemoryGas(65536)).isEqualTo(26_214_400);
            assertThat(list.growMemoryGas(10)).isEqualTo(4_000);
            assertThat(list.initTableGas(10)).isEqualTo(32_000);
        }
    }

    @Test
    void verifySealAndPost() {
        // verify_seal_base: 2000 in WATERMELON, 42,000,000 in TEEP
        assertCharge(WATERMELON.onVerifySeal(), "OnVerifySeal", 2_000 * GAS, 0);
        assertCharge(TEEP.onVerifySeal(), "OnVerifySeal", 42_000_000 * GAS, 0);
        // 117680921 + 43780 * 10 challenged sectors
        long expected = (117_680_921L + 437_800) * GAS;
        assertCharge(
                WATERMELON.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1, 10),
                "OnVerifyPost",
                expected,
                0);
        // V1 types do not exist in v4 (an Invalid proof type there): priced by the 512MiB V1P1 fallback
        assertCharge(
                TEEP.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1, 10), "OnVerifyPost", expected, 0);
        assertCharge(
                TEEP.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1, 0),
                "OnVerifyPost",
                117_680_921L * GAS,
                0);
    }

    @Test
    void verifyPostFallsBackTo512MibV1P1() {
        PriceList changed = PriceLists.withOverrides(
                WATERMELON,
                "test",
                "{\"prices\": {\"verify_post_lookup\": {\"StackedDRGWindow512MiBV1P1\": {\"flat\": 1, \"scale\": 2}}}}");
        assertCharge(
                changed.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1, 10), "OnVerifyPost", 21 * GAS, 0);
        assertCharge(
                changed.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_P1, 10),
                "OnVerifyPost",
                21 * GAS,
                0);
        assertCharge(
                changed.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_P1, 0),
                "OnVerifyPost",
                117_680_921L * GAS,
                0);
    }

    @Test
    void niPoRepSingleSectorMatchesFip092Formula() {
        // reference test_niporep_single_sector_matches_fip092_formula (nv25):
        // 32GiB: 44990 * 126 + 112356810 = 118025550; 64GiB: 35928 * 126 + 110803030 = 115329958
        assertCharge(
                TEEP.onVerifyAggregateSeals(STACKED_DRG_32GIB_V1_P2_NI_POREP, 1),
                "OnVerifyAggregateSeals",
                118_025_550L * GAS,
                0);
        assertCharge(
                TEEP.onVerifyAggregateSeals(STACKED_DRG_64GIB_V1_P2_NI_POREP, 1),
                "OnVerifyAggregateSeals",
                115_329_958L * GAS,
                0);
        // before TEEP the NI-PoRep types are unpriced and fall back to 32GiB V1P1: 449900 * 1, below the first step (4)
        assertCharge(
                WATERMELON.onVerifyAggregateSeals(STACKED_DRG_32GIB_V1_P2_NI_POREP, 1),
                "OnVerifyAggregateSeals",
                449_900L * GAS,
                0);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 25, 26})
    void aggregatePoRepGasChargesAsReferenceTest(int networkVersion) {
        // reference test_aggregate_porep_gas_charges: 32GiB V1P1 is priced alike in WATERMELON and TEEP
        PriceList list = PriceLists.forNetworkVersion(networkVersion);
        long base = 449_900L * GAS;
        Map<Integer, Long> cases = Map.of(
                1, base,
                3, base * 3,
                4, base * 4 + 103_994_170L * GAS,
                7, base * 7 + 112_356_810L * GAS,
                13, base * 13 + 122_912_610L * GAS,
                26, base * 26 + 137_559_930L * GAS,
                52, base * 52 + 162_039_100L * GAS,
                65, base * 65 + 162_039_100L * GAS);
        cases.forEach((count, expected) -> {
            assertThat(list.onVerifyAggregateSeals(STACKED_DRG_32GIB_V1_P1, count)
                            .computeMilligas())
                    .as("%d sectors", count)
                    .isEqualTo(expected);
            if (networkVersion < 25) {
                // "prior to NV25 we were charging 32GiB interactive prices for all non-interactive"
                assertThat(list.onVerifyAggregateSeals(STACKED_DRG_32GIB_V1_P2_NI_POREP, count)
                                .computeMilligas())
                        .isEqualTo(expected);
                assertThat(list.onVerifyAggregateSeals(STACKED_DRG_64GIB_V1_P2_NI_POREP, count)
                                .computeMilligas())
                        .isEqualTo(expected);
            }
        });
        // 64GiB V1P1, 410 proofs: 359272 * 410 + 509880640
        assertThat(list.onVerifyAggregateSeals(STACKED_DRG_64GIB_V1_P1, 410).computeMilligas())
                .isEqualTo((359_272L * 410 + 509_880_640L) * GAS);
    }

    @Test
    void niPoRepAggregateGasChargesAsReferenceTest() {
        // reference test_niporep_aggregate_gas_charges (nv25): per sector 44990 * 126 (32GiB), 35928 * 126 (64GiB)
        long per32 = 44_990L * 126 * GAS;
        long[][] cases32 = {
            {1, 112356810},
            {2, 122912610},
            {3, 137559930},
            {4, 137559930},
            {5, 162039100},
            {8, 162039100},
            {9, 210960780},
            {16, 210960780},
            {17, 318351180},
            {32, 318351180},
            {33, 528274980},
            {64, 528274980},
            {65, 528274980}
        };
        for (long[] c : cases32) {
            assertThat(TEEP.onVerifyAggregateSeals(STACKED_DRG_32GIB_V1_P2_NI_POREP, c[0])
                            .computeMilligas())
                    .as("32GiB NI-PoRep, %d sectors", c[0])
                    .isEqualTo(per32 * c[0] + c[1] * GAS);
        }
        long per64 = 35_928L * 126 * GAS;
        long[][] cases64 = {
            {1, 110803030},
            {2, 120803700},
            {3, 134642130},
            {4, 134642130},
            {5, 157357890},
            {8, 157357890},
            {9, 203017690},
            {16, 203017690},
            {17, 304253590},
            {32, 304253590},
            {33, 509880640},
            {64, 509880640},
            {65, 509880640}
        };
        for (long[] c : cases64) {
            assertThat(TEEP.onVerifyAggregateSeals(STACKED_DRG_64GIB_V1_P2_NI_POREP, c[0])
                            .computeMilligas())
                    .as("64GiB NI-PoRep, %d sectors", c[0])
                    .isEqualTo(per64 * c[0] + c[1] * GAS);
        }
    }

    @Test
    void niPoRepSealProofCodes() {
        // fvm_shared v4 i64_conversion: 15..19
        assertThat(RegisteredSealProof.STACKED_DRG_2KIB_V1_P2_NI_POREP.code()).isEqualTo(15);
        assertThat(RegisteredSealProof.STACKED_DRG_8MIB_V1_P2_NI_POREP.code()).isEqualTo(16);
        assertThat(RegisteredSealProof.STACKED_DRG_512MIB_V1_P2_NI_POREP.code()).isEqualTo(17);
        assertThat(STACKED_DRG_32GIB_V1_P2_NI_POREP.code()).isEqualTo(18);
        assertThat(STACKED_DRG_64GIB_V1_P2_NI_POREP.code()).isEqualTo(19);
        assertThat(RegisteredSealProof.fromReferenceName("StackedDRG512MiBV1P2_Feat_NiPoRep"))
                .contains(RegisteredSealProof.STACKED_DRG_512MIB_V1_P2_NI_POREP);
        assertThat(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1.existsIn(FvmGeneration.V4))
                .isFalse();
        assertThat(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1.existsIn(FvmGeneration.V3))
                .isTrue();
        assertThat(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1.existsIn(FvmGeneration.V4))
                .isTrue();
        assertThat(RegisteredPoStProof.STACKED_DRG_WINNING_64GIB_V1.existsIn(FvmGeneration.V4))
                .isTrue();
    }

    private static void assertRemovedInV4(Executable charge, String referenceCharge, String replacement) {
        assertThatThrownBy(charge::execute)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(referenceCharge + " is an FVM v")
                .hasMessageContaining("but price list WATERMELON_PRICES is FVM v4")
                .hasMessageContaining(replacement == null ? "" : "FVM v4 charges " + replacement + " instead");
    }

    @Test
    void chargesRemovedInV4Throw() {
        assertRemovedInV4(
                () -> WATERMELON.onActorEventValidate(100),
                "on_actor_event_validate",
                "onActorEvent(entries, keySize, valueSize)");
        assertRemovedInV4(
                () -> WATERMELON.onActorEventAccept(1, 1, 100),
                "on_actor_event_accept",
                "onActorEvent(entries, keySize, valueSize)");
        assertRemovedInV4(
                () -> WATERMELON.onTipsetCid(true), "on_tipset_cid(lookback: bool)", "onTipsetCidLookback(lookback)");
        assertRemovedInV4(
                () -> WATERMELON.onGetRandomness(32),
                "on_get_randomness(entropy_size)",
                "onGetRandomnessLookback(lookback)");
        assertRemovedInV4(
                () -> WATERMELON.onMethodInvocation(),
                "on_method_invocation()",
                "onMethodInvocation(paramSize, paramLinks)");
        assertRemovedInV4(
                () -> WATERMELON.onMethodReturn(1, 10),
                "on_method_return(call_depth, return_size)",
                "onMethodReturn(callDepth, dataSize, returnLinks)");
        assertRemovedInV4(
                () -> WATERMELON.onBlockOpenPerByte(10),
                "on_block_open_per_byte(data_size)",
                "onBlockOpen(dataSize, links)");
        assertRemovedInV4(
                () -> WATERMELON.onBlockCreate(10), "on_block_create(data_size)", "onBlockCreate(dataSize, links)");
        assertRemovedInV4(
                () -> WATERMELON.onMethodInvocation(true, 0), "on_method_invocation(value, method_num)", null);
        assertThatThrownBy(() -> TEEP.onGetRandomness(32)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void v4ChargesThrowOnOlderLists() {
        List<Executable> v4Only = List.of(
                () -> HYGGE.onMethodInvocation(0, 0),
                () -> HYGGE.onMethodReturn(2, 0, 0),
                () -> HYGGE.onGetRandomnessLookback(1),
                () -> HYGGE.onTipsetCidLookback(1),
                () -> HYGGE.onBlockOpen(1, 0),
                () -> HYGGE.onBlockCreate(1, 0),
                () -> HYGGE.onScanIpldLinks(1, 0),
                () -> HYGGE.onActorEvent(1, 1, 1),
                HYGGE::onGetRoot,
                HYGGE::onSetRoot,
                () -> HYGGE.onVerifyAggregateSignature(1, 1),
                () -> HYGGE.onUtf8Validation(1),
                () -> PriceLists.forNetworkVersion(17).onGetRoot());
        for (Executable charge : v4Only) {
            assertThatThrownBy(charge::execute)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("is an FVM v4 charge, but price list")
                    .hasMessageNotContaining("instead");
        }
        // v3's replaced charges still work on v3, and the message for the v2 list names v3 and v4 without a v4 hint
        assertThat(HYGGE.onTipsetCid(true).otherMilligas()).isEqualTo(215_000 * GAS);
        assertThatThrownBy(() -> PriceLists.forNetworkVersion(17).onActorLookup())
                .hasMessage("on_actor_lookup is an FVM v3 charge (also FVM v4), but price list SKYR_PRICES is FVM v2");
    }

    @Test
    void negativeSizesAreRejected() {
        assertThatThrownBy(() -> WATERMELON.onBlockOpen(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> WATERMELON.onActorEvent(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WATERMELON.onMethodReturn(2, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
