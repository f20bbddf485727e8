package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Charges on chosen inputs. Expected milligas are worked out by hand from the reference formulas ({@code on_*} functions of
 * ref-fvm {@code price_list.rs}, release/v2 lines 424-687 and release/v3 lines 516-979); each comment shows the arithmetic.
 */
class PriceListChargesTest {
    private static final PriceList SKYR = PriceLists.forNetworkVersion(17);
    private static final PriceList OH_SNAP = PriceLists.byName(PriceLists.OH_SNAP);
    private static final PriceList HYGGE = PriceLists.forNetworkVersion(18);

    private static void assertCharge(GasCharge charge, String name, long compute, long other) {
        assertThat(charge).isEqualTo(new GasCharge(name, compute, other));
        assertThat(charge.totalMilligas()).isEqualTo(compute + other);
    }

    @Test
    void onChainMessageOf200Bytes() {
        // v2: compute = 38863 gas; other = (36 gas + 1 gas * 200) * 1300 = 236000 * 1300 milligas
        assertCharge(SKYR.onChainMessage(200), "OnChainMessage", 38_863_000, 306_800_000);
        assertThat(SKYR.onChainMessage(200).totalMilligas()).isEqualTo(345_663_000);
        // v3: compute = 38863 gas + 0 * 200; other = actor_update 475000 gas + 46800 gas + 1300 gas * 200
        assertCharge(HYGGE.onChainMessage(200), "OnChainMessage", 38_863_000, 475_000_000 + 46_800_000 + 260_000_000);
        assertThat(HYGGE.onChainMessage(200).totalMilligas()).isEqualTo(820_663_000);
    }

    @Test
    void onChainReturnValue() {
        // v2: 1 gas * 10 bytes * 1300
        assertCharge(SKYR.onChainReturnValue(10), "OnChainReturnValue", 0, 13_000_000);
        // v3: compute zero, storage 1300 gas * 10
        assertCharge(HYGGE.onChainReturnValue(10), "OnChainReturnValue", 0, 13_000_000);
        assertThat(HYGGE.onMethodReturn(1, 10)).contains(new GasCharge("OnChainReturnValue", 0, 13_000_000));
        assertThat(HYGGE.onMethodReturn(2, 10)).isEmpty();
    }

    @Test
    void onBlockRead() {
        // v2 SKYR: block_read_base 0 + 500 milligas per byte
        assertCharge(SKYR.onBlockRead(0), "OnBlockRead", 0, 0);
        assertCharge(SKYR.onBlockRead(1), "OnBlockRead", 500, 0);
        assertCharge(SKYR.onBlockRead(4096), "OnBlockRead", 2_048_000, 0);
        // v2 OH_SNAP: memcpy is free
        assertCharge(OH_SNAP.onBlockRead(4096), "OnBlockRead", 0, 0);
        // v3: block_memcpy 0 + 400 milligas per byte
        assertCharge(HYGGE.onBlockRead(0), "OnBlockRead", 0, 0);
        assertCharge(HYGGE.onBlockRead(1), "OnBlockRead", 400, 0);
        assertCharge(HYGGE.onBlockRead(4096), "OnBlockRead", 1_638_400, 0);
    }

    @Test
    void onVerifySignature() {
        // v2 ignores the length
        assertCharge(SKYR.onVerifySignature(SignatureType.SECP256K1, 0), "OnVerifySignature", 1_637_292_000, 0);
        assertCharge(SKYR.onVerifySignature(SignatureType.SECP256K1, 1000), "OnVerifySignature", 1_637_292_000, 0);
        assertCharge(SKYR.onVerifySignature(SignatureType.BLS, 96), "OnVerifySignature", 16_598_605_000L, 0);
        // v3 secp: 1637292 gas + 10 gas per byte
        assertCharge(HYGGE.onVerifySignature(SignatureType.SECP256K1, 0), "OnVerifySignature", 1_637_292_000, 0);
        assertCharge(
                HYGGE.onVerifySignature(SignatureType.SECP256K1, 32), "OnVerifySignature", 1_637_292_000 + 320_000, 0);
        assertCharge(HYGGE.onVerifySignature(SignatureType.SECP256K1, 1000), "OnVerifySignature", 1_647_292_000, 0);
        // v3 BLS: 16598605 gas + 26 gas per byte
        assertCharge(HYGGE.onVerifySignature(SignatureType.BLS, 0), "OnVerifySignature", 16_598_605_000L, 0);
        assertCharge(
                HYGGE.onVerifySignature(SignatureType.BLS, 96), "OnVerifySignature", 16_598_605_000L + 2_496_000, 0);
        assertCharge(HYGGE.onVerifySignature(SignatureType.BLS, 1000), "OnVerifySignature", 16_624_605_000L, 0);
    }

    @Test
    void onHashingEachHash() {
        // v3, 100 bytes: flat 0 + scale * 100
        assertCharge(HYGGE.onHashing(SupportedHash.SHA2_256, 100), "OnHashing", 700_000, 0);
        assertCharge(HYGGE.onHashing(SupportedHash.BLAKE2B_256, 100), "OnHashing", 1_000_000, 0);
        assertCharge(HYGGE.onHashing(SupportedHash.BLAKE2B_512, 100), "OnHashing", 1_000_000, 0);
        assertCharge(HYGGE.onHashing(SupportedHash.KECCAK_256, 100), "OnHashing", 3_300_000, 0);
        assertCharge(HYGGE.onHashing(SupportedHash.RIPEMD_160, 100), "OnHashing", 3_500_000, 0);
        // v2: flat hashing_base whatever the hash and size
        for (SupportedHash hash : SupportedHash.values()) {
            assertCharge(SKYR.onHashing(hash, 100), "OnHashing", 31_355_000, 0);
        }
    }

    @Test
    void onVerifyPostWindowProof() {
        // 117680921 gas + 43780 gas * 10 challenged sectors
        long expected = 117_680_921_000L + 437_800_000;
        assertCharge(
                HYGGE.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1, 10),
                "OnVerifyPost",
                expected,
                0);
        assertCharge(
                SKYR.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1, 10), "OnVerifyPost", expected, 0);
        // v2 has no V1P1 entries: falls back to the 512MiB V1 price, as the reference does
        assertCharge(
                SKYR.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1, 10), "OnVerifyPost", expected, 0);
        assertCharge(
                HYGGE.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1, 0),
                "OnVerifyPost",
                117_680_921_000L,
                0);
    }

    @Test
    void onVerifyAggregateSeals() {
        // 10 proofs: 449900 gas * 10 + step starting at 7 (112356810 gas)
        long ten = 4_499_000_000L + 112_356_810_000L;
        assertCharge(
                HYGGE.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1, 10),
                "OnVerifyAggregateSeals",
                ten,
                0);
        assertCharge(
                SKYR.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1, 10),
                "OnVerifyAggregateSeals",
                ten,
                0);
        // 3 proofs: below the first step
        assertCharge(
                HYGGE.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_64GIB_V1_P1, 3),
                "OnVerifyAggregateSeals",
                3 * 359_272_000L,
                0);
        // 410 proofs of 64GiB: 359272 * 410 + 509880640
        assertCharge(
                HYGGE.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_64GIB_V1_P1, 410),
                "OnVerifyAggregateSeals",
                359_272_000L * 410 + 509_880_640_000L,
                0);
        // an unpriced type uses the 32GiB V1P1 prices
        assertCharge(
                HYGGE.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_2KIB_V1_P1, 10),
                "OnVerifyAggregateSeals",
                ten,
                0);
    }

    @Test
    void blockChargesV3MatchReferenceTest() {
        // reference test_read_write: on_block_open_per_byte(10) and on_block_create(10) total 100 gas
        assertThat(HYGGE.onBlockOpenPerByte(10).totalMilligas()).isEqualTo(100_000);
        assertThat(HYGGE.onBlockCreate(10).totalMilligas()).isEqualTo(100_000);
        // compute = alloc 2 gas * 10 + memcpy 0.4 gas * 10; retention surcharge = 100 gas - 24 gas
        assertCharge(HYGGE.onBlockCreate(10), "OnBlockCreate", 24_000, 76_000);
        assertCharge(HYGGE.onBlockOpenPerByte(10), "OnBlockOpenPerByte", 24_000, 76_000);
        assertCharge(HYGGE.onBlockOpenBase(), "OnBlockOpenBase", 0, 187_440_000);
        // link 100 bytes with Blake2b256: compute memcpy 40000 + alloc 200000 + hash 1000000; other 172000 gas + 334000
        // gas + 3340 gas * 100
        assertCharge(
                HYGGE.onBlockLink(SupportedHash.BLAKE2B_256, 100),
                "OnBlockLink",
                1_240_000,
                172_000_000 + 334_000_000 + 334_000_000);
        assertCharge(HYGGE.onBlockStat(), "OnBlockStat", 0, 0);
    }

    @Test
    void blockChargesV2() {
        // open base: extern 21000 gas + 114617 gas
        assertCharge(SKYR.onBlockOpenBase(), "OnBlockOpenBase", 135_617_000, 0);
        // open per byte: (10 gas + 0.5 gas) * 100
        assertCharge(SKYR.onBlockOpenPerByte(100), "OnBlockOpenPerByte", 1_050_000, 0);
        // create: 0 + (10 gas + 0.5 gas) * 100
        assertCharge(SKYR.onBlockCreate(100), "OnBlockCreate", 1_050_000, 0);
        // link: 353640 gas + 2 * 0.5 gas * 100; storage 1 gas * 1300 * 100
        assertCharge(SKYR.onBlockLink(SupportedHash.BLAKE2B_256, 100), "OnBlockLink", 353_740_000, 130_000_000);
        assertCharge(SKYR.onBlockStat(), "OnBlockStat", 0, 0);
        // OH_SNAP: no extern cost
        assertCharge(OH_SNAP.onBlockOpenBase(), "OnBlockOpenBase", 114_617_000, 0);
    }

    @Test
    void methodInvocationV2() {
        // value, method 0: 29233 + 27500 + 159672 gas
        assertCharge(SKYR.onMethodInvocation(true, 0), "OnMethodInvocation", 216_405_000, 0);
        // no value, method 2: 29233 - 5377 gas
        assertCharge(SKYR.onMethodInvocation(false, 2), "OnMethodInvocation", 23_856_000, 0);
        // value, method 2: 29233 + 27500 - 5377 gas
        assertCharge(SKYR.onMethodInvocation(true, 2), "OnMethodInvocation", 51_356_000, 0);
        // no value, method 0: send base only
        assertCharge(SKYR.onMethodInvocation(false, 0), "OnMethodInvocation", 29_233_000, 0);
    }

    @Test
    void methodInvocationV3() {
        assertCharge(HYGGE.onMethodInvocation(), "OnMethodInvocation", 75_000_000, 0);
        assertCharge(HYGGE.onValueTransfer(), "OnValueTransfer", 6_000_000, 0);
    }

    @Test
    void actorCharges() {
        // v2 create: compute 1108454 gas; storage 76 gas * 1300. delete: -76 gas * 1300
        assertCharge(SKYR.onCreateActor(false), "OnCreateActor", 1_108_454_000, 98_800_000);
        assertCharge(SKYR.onDeleteActor(), "OnDeleteActor", 0, -98_800_000);
        // v3 create: 650000 gas (+ 1000000 + 1050000 gas with a new address)
        assertCharge(HYGGE.onCreateActor(false), "OnCreateActor", 0, 650_000_000);
        assertCharge(HYGGE.onCreateActor(true), "OnCreateActor", 0, 2_700_000_000L);
        assertCharge(HYGGE.onDeleteActor(), "OnDeleteActor", 0, 0);
        assertCharge(HYGGE.onActorLookup(), "OnActorLookup", 0, 500_000_000);
        assertCharge(HYGGE.onActorUpdate(), "OnActorUpdate", 0, 475_000_000);
        assertCharge(HYGGE.onActorCreate(), "OnActorCreate", 0, 650_000_000);
        assertCharge(HYGGE.onSelfBalance(), "OnSelfBalance", 0, 0);
        assertCharge(HYGGE.onBalanceOf(), "OnBalanceOf", 0, 0);
        assertCharge(HYGGE.onResolveAddress(), "OnResolveAddress", 0, 0);
        assertCharge(HYGGE.onLookupDelegatedAddress(), "OnLookupAddress", 0, 0);
        assertCharge(HYGGE.onGetActorCodeCid(), "OnGetActorCodeCid", 0, 0);
        assertCharge(HYGGE.onGetBuiltinActorType(), "OnGetBuiltinActorType", 0, 0);
        assertCharge(HYGGE.onGetCodeCidForType(), "OnGetCodeCidForType", 0, 0);
    }

    @Test
    void contextAndExternCharges() {
        assertCharge(SKYR.onSyscall(), "OnSyscall", 14_000_000, 0);
        assertCharge(OH_SNAP.onSyscall(), "OnSyscall", 0, 0);
        assertCharge(HYGGE.onSyscall(), "OnSyscall", 14_000_000, 0);
        assertCharge(HYGGE.onTipsetCid(false), "OnTipsetCid", 0, 50_000_000);
        assertCharge(HYGGE.onTipsetCid(true), "OnTipsetCid", 0, 215_000_000);
        assertCharge(HYGGE.onNetworkContext(), "OnNetworkContext", 0, 0);
        assertCharge(HYGGE.onMessageContext(), "OnMessageContext", 0, 0);
        assertCharge(HYGGE.onInstallActor(1000), "OnInstallActor", 0, 0);
        // v2 randomness: extern 21000 gas + 0 + 0 * 32
        assertCharge(SKYR.onGetRandomness(32), "OnGetRandomness", 21_000_000, 0);
        // v3 randomness: seed 21000 gas + Blake2b256 over 48 + 32 bytes = 10 gas * 80
        assertCharge(HYGGE.onGetRandomness(32), "OnGetRandomness", 0, 21_800_000);
        // consensus fault: v2 extern 21000 + 495422 gas as compute; v3 516422 gas as other
        assertCharge(SKYR.onVerifyConsensusFault(), "OnVerifyConsensusFault", 516_422_000, 0);
        assertCharge(HYGGE.onVerifyConsensusFault(), "OnVerifyConsensusFault", 0, 516_422_000);
        assertCharge(HYGGE.onRecoverSecpPublicKey(), "OnRecoverSecpPublicKey", 1_637_292_000, 0);
        assertCharge(SKYR.onComputeUnsealedSectorCid(), "OnComputeUnsealedSectorCid", 98_647_000, 0);
        assertCharge(HYGGE.onVerifySeal(), "OnVerifySeal", 2_000_000, 0);
        assertCharge(HYGGE.onVerifyReplicaUpdate(), "OnVerifyReplicaUpdate", 36_316_136_000L, 0);
    }

    @Test
    void eventsAndMemory() {
        // validate 100 bytes: memcpy 0.4 * 100 + alloc 2 * 100 + 1750 + 25 * 100 gas
        assertCharge(
                HYGGE.onActorEventValidate(100), "OnActorEventValidate", 40_000 + 200_000 + 1_750_000 + 2_500_000, 0);
        // accept: stamped size 100 + 12 = 112; memcpy 44800, alloc 224000, Blake2b256 hash 10 gas * 112;
        // compute = memcpy + alloc; other = 0 * 2 elements + 0 * 40 bytes + 2 * memcpy + alloc + hash
        assertCharge(HYGGE.onActorEventAccept(2, 40, 100), "OnActorEventAccept", 268_800, 89_600 + 224_000 + 1_120_000);
        // memory: fill base 0 + 0.4 gas per byte (tables: 8 bytes per element)
        assertThat(HYGGE.initMemoryGas(65536)).isEqualTo(26_214_400);
        assertThat(HYGGE.growMemoryGas(10)).isEqualTo(4_000);
        assertThat(HYGGE.initTableGas(10)).isEqualTo(32_000);
    }

    @Test
    void chargesOfTheOtherGenerationAreRejected() {
        assertThatThrownBy(() -> HYGGE.onMethodInvocation(true, 0))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("FVM v2 charge")
                .hasMessageContaining("HYGGE_PRICES");
        assertThatThrownBy(SKYR::onActorLookup)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("on_actor_lookup is an FVM v3 charge");
        assertThatThrownBy(() -> SKYR.onMethodReturn(1, 0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> HYGGE.onBlockRead(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void arithmeticSaturates() {
        // 1300 gas per byte * Long.MAX_VALUE bytes saturates instead of wrapping
        assertThat(HYGGE.onChainMessage(Long.MAX_VALUE).otherMilligas()).isEqualTo(Long.MAX_VALUE);
        assertThat(new GasCharge("x", Long.MAX_VALUE, 1).totalMilligas()).isEqualTo(Long.MAX_VALUE);
        assertThat(new GasCharge("x", Long.MIN_VALUE, -1).totalMilligas()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void stepCostLookupMatchesReferenceTests() {
        // reference test_step_cost, test_step_cost_empty, test_step_cost_zero
        StepCost costs = new StepCost(java.util.List.of(new Step(10, 1000), new Step(20, 2000)));
        assertThat(costs.lookup(0)).isZero();
        assertThat(costs.lookup(5)).isZero();
        assertThat(costs.lookup(10)).isEqualTo(1000);
        assertThat(costs.lookup(19)).isEqualTo(1000);
        assertThat(costs.lookup(20)).isEqualTo(2000);
        assertThat(costs.lookup(100)).isEqualTo(2000);
        assertThat(new StepCost(java.util.List.of()).lookup(10)).isZero();
        assertThat(new StepCost(java.util.List.of(new Step(0, 1000))).lookup(0)).isEqualTo(1000);
        assertThatThrownBy(() -> new StepCost(java.util.List.of(new Step(5, 1), new Step(5, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
    }
}
