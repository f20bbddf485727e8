package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Override files: every kind of entry can be replaced, and every malformed file fails naming the file, entry and expectation. */
class PriceListOverridesTest {
    private static final PriceList SKYR = PriceLists.byName(PriceLists.SKYR);
    private static final PriceList HYGGE = PriceLists.byName(PriceLists.HYGGE);
    private static final PriceList WATERMELON = PriceLists.byName(PriceLists.WATERMELON);
    private static final PriceList TEEP = PriceLists.byName(PriceLists.TEEP);

    @TempDir
    Path directory;

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(directory, "prices", ".json");
        Files.writeString(file, json);
        return file;
    }

    /** The example files of docs/price-lists, which docs/repricing.md and the README use. */
    @Test
    void exampleFilesOfTheDocsApply() {
        Path docs = Path.of("").toAbsolutePath().resolve("../docs/price-lists").normalize();
        PriceList everyKind = PriceLists.withOverrides(TEEP, docs.resolve("every-kind.json"));
        assertThat(everyKind.name()).isEqualTo("every-kind");
        assertThat(everyKind.onBlockRead(1000).totalMilligas()).isEqualTo(500_000);
        assertThat(everyKind.onBlockRead(1000).totalMilligas())
                .isNotEqualTo(TEEP.onBlockRead(1000).totalMilligas());
        PriceList raised = PriceLists.withOverrides(TEEP, docs.resolve("block-open-raised.json"));
        assertThat(raised.onBlockOpenBase().totalMilligas()
                        - TEEP.onBlockOpenBase().totalMilligas())
                .isEqualTo(400_000_000L);
        assertThat(PriceLists.withOverrides(WATERMELON, docs.resolve("block-open-raised.json"))
                        .onBlockOpenBase()
                        .totalMilligas())
                .isEqualTo(raised.onBlockOpenBase().totalMilligas());
    }

    @Test
    void documentedExampleApplies() throws IOException {
        Path file = write("""
                {
                  "name": "hygge-cheap-post",
                  "description": "repricing study 7",
                  "prices": {
                    "sig_cost": { "BLS": { "flat": 33197210 } },
                    "verify_post_lookup": { "StackedDRGWindow32GiBV1P1": { "flat": 100000000, "scale": 40000 } },
                    "block_memcpy": { "scale": 0.5 },
                    "wasm_rules": { "instruction_default": 5 }
                  }
                }
                """);
        PriceList list = PriceLists.withOverrides(HYGGE, file);
        assertThat(list.name()).isEqualTo("hygge-cheap-post");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V3);
        // BLS flat replaced, scale kept (26 gas); secp untouched
        assertThat(list.signatureCost().get(SignatureType.BLS)).isEqualTo(new ScalingCost(33_197_210_000L, 26_000));
        assertThat(list.signatureCost().get(SignatureType.SECP256K1))
                .isEqualTo(HYGGE.signatureCost().get(SignatureType.SECP256K1));
        assertThat(list.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1, 10))
                .isEqualTo(new GasCharge("OnVerifyPost", 100_000_000_000L + 400_000_000, 0));
        // other proof types keep their prices
        assertThat(list.verifyPostLookup().get(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_P1))
                .isEqualTo(HYGGE.verifyPostLookup().get(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_P1));
        assertThat(list.scaling(PriceEntry.BLOCK_MEMCPY)).isEqualTo(new ScalingCost(0, 500));
        assertThat(list.wasmGasPrices().instructionDefault()).isEqualTo(5000);
        assertThat(list.wasmGasPrices().mathDefault()).isEqualTo(4000);
        // the base is untouched
        assertThat(HYGGE.scaling(PriceEntry.BLOCK_MEMCPY)).isEqualTo(new ScalingCost(0, 400));
    }

    @Test
    void scalarsStepsMapsAndListsOverride() throws IOException {
        Path v2 = write("""
                {"prices": {
                  "storage_gas_multiplier": 1000,
                  "send_invoke_method": -1000,
                  "hashing_base": 0.001,
                  "verify_aggregate_seal_per": {"StackedDRG64GiBV1P1": 1},
                  "verify_aggregate_seal_steps": {"StackedDRG32GiBV1P1": [{"start": 0, "cost": 5}, {"start": 100, "cost": 7}]}
                }}
                """);
        PriceList list = PriceLists.withOverrides(SKYR, v2);
        assertThat(list.name()).isEqualTo("SKYR_PRICES with overrides from " + v2);
        assertThat(list.gas(PriceEntry.STORAGE_GAS_MULTIPLIER)).isEqualTo(1000);
        // (36 gas + 200 gas) * 1000
        assertThat(list.onChainMessage(200).otherMilligas()).isEqualTo(236_000_000);
        assertThat(list.gas(PriceEntry.SEND_INVOKE_METHOD)).isEqualTo(-1_000_000);
        assertThat(list.onHashing(SupportedHash.SHA2_256, 5).computeMilligas()).isEqualTo(1);
        assertThat(list.verifyAggregateSealPer().get(RegisteredSealProof.STACKED_DRG_64GIB_V1_P1))
                .isEqualTo(1000);
        assertThat(list.verifyAggregateSealPer().get(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1))
                .isEqualTo(449_900_000);
        // steps replaced whole: 10 * 449900 gas + 5 gas
        assertThat(list.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1, 10)
                        .computeMilligas())
                .isEqualTo(4_499_000_000L + 5_000);
        assertThat(list.verifyAggregateSealSteps()
                        .get(RegisteredSealProof.STACKED_DRG_32GIB_V1_P1)
                        .steps())
                .hasSize(2);

        Path v3 = write("""
                {"prices": {"preloaded_actors": [0, 1], "hashing_cost": {"Keccak256": {"flat": 1, "scale": 0}}, "tipset_cid_latest": 0}}
                """);
        PriceList hygge = PriceLists.withOverrides(HYGGE, v3);
        assertThat(hygge.preloadedActors()).containsExactly(0L, 1L);
        assertThat(hygge.onHashing(SupportedHash.KECCAK_256, 1000).computeMilligas())
                .isEqualTo(1000);
        assertThat(hygge.onTipsetCid(false).otherMilligas()).isZero();
        assertThat(hygge).isNotEqualTo(HYGGE);
        assertThat(PriceLists.withOverrides(HYGGE, write("{\"prices\": {}}"))).isEqualTo(HYGGE);
    }

    private void assertRejected(PriceList base, String json, String... messageParts) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> PriceLists.withOverrides(base, file))
                .isInstanceOf(PriceListFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContainingAll(messageParts)
                .satisfies(
                        e -> assertThat(((PriceListFormatException) e).source()).isEqualTo(file.toString()));
    }

    @Test
    void unknownEntry() throws IOException {
        assertRejected(
                HYGGE,
                "{\"prices\": {\"block_mempcy\": {\"scale\": 1}}}",
                "unknown entry 'block_mempcy'",
                "expected one of the FVM v3 entries",
                "block_memcpy");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"wasm_rules\": {\"instruction_defualt\": 1}}}",
                "unknown entry 'wasm_rules.instruction_defualt'");
    }

    @Test
    void entryOfTheOtherGeneration() throws IOException {
        assertRejected(
                HYGGE,
                "{\"prices\": {\"send_base\": 1}}",
                "entry 'send_base' belongs to FVM v2 price lists, but this list is FVM v3");
        assertRejected(
                SKYR,
                "{\"prices\": {\"wasm_rules\": {\"instruction_default\": 1}}}",
                "entry 'wasm_rules.instruction_default' belongs to FVM v3");
    }

    @Test
    void wrongTypes() throws IOException {
        assertRejected(
                HYGGE,
                "{\"prices\": {\"actor_lookup\": \"500000\"}}",
                "entry 'actor_lookup': expected a gas amount (a JSON number in gas, at most 3 decimals), got string \"500000\"");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"block_memcpy\": 400}}",
                "entry 'block_memcpy': expected a scaling cost",
                "got number 400");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"block_memcpy\": {\"scale\": 1, \"slope\": 2}}}",
                "entry 'block_memcpy': unknown field 'slope'");
        assertRejected(
                SKYR,
                "{\"prices\": {\"storage_gas_multiplier\": 1.5}}",
                "entry 'storage_gas_multiplier': expected an integer multiplier");
        assertRejected(
                HYGGE, "{\"prices\": {\"actor_lookup\": 0.0001}}", "entry 'actor_lookup'", "finer than a milligas");
        assertRejected(
                HYGGE, "{\"prices\": {\"actor_lookup\": 1e30}}", "entry 'actor_lookup'", "exceeds 2^63 milligas");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"verify_post_lookup\": {\"StackedDRGWindow16GiBV1\": {\"flat\": 1}}}}",
                "entry 'verify_post_lookup': unknown key 'StackedDRGWindow16GiBV1'",
                "StackedDRGWindow32GiBV1P1");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"verify_post_lookup\": {\"StackedDRGWinning2KiBV1\": {\"flat\": 1}}}}",
                "entry 'verify_post_lookup.StackedDRGWinning2KiBV1': a new scaling cost needs both \"flat\" and \"scale\"");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"sig_cost\": [1]}}",
                "entry 'sig_cost': expected an object from signature type name");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"verify_aggregate_seal_steps\": {\"StackedDRG32GiBV1P1\": [{\"start\": 5, \"cost\": 1}, {\"start\": 4, \"cost\": 2}]}}}",
                "entry 'verify_aggregate_seal_steps.StackedDRG32GiBV1P1': step starts must be strictly increasing");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"verify_aggregate_seal_steps\": {\"StackedDRG32GiBV1P1\": [{\"start\": 5}]}}}",
                "entry 'verify_aggregate_seal_steps.StackedDRG32GiBV1P1[0]': expected an object with exactly \"start\" and \"cost\"");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"preloaded_actors\": [1, \"f01\"]}}",
                "entry 'preloaded_actors[1]': expected a non-negative integer actor id");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"wasm_rules\": 4}}",
                "entry 'wasm_rules': expected an object of WebAssembly prices");
    }

    @Test
    void negativePrices() throws IOException {
        assertRejected(
                HYGGE,
                "{\"prices\": {\"actor_update\": -1}}",
                "entry 'actor_update': negative price -1; expected a price of 0 or more");
        // negative in v2 but unsigned in v3
        assertRejected(
                HYGGE, "{\"prices\": {\"send_invoke_method\": -1}}", "entry 'send_invoke_method': negative price");
        assertRejected(
                HYGGE, "{\"prices\": {\"block_open\": {\"flat\": -5}}}", "entry 'block_open.flat': negative price -5");
        assertRejected(
                SKYR,
                "{\"prices\": {\"verify_aggregate_seal_per\": {\"StackedDRG32GiBV1P1\": -2}}}",
                "entry 'verify_aggregate_seal_per.StackedDRG32GiBV1P1': negative price");
        assertRejected(
                SKYR,
                "{\"prices\": {\"storage_gas_multiplier\": -1}}",
                "entry 'storage_gas_multiplier': negative value -1");
        assertRejected(
                HYGGE, "{\"prices\": {\"preloaded_actors\": [-1]}}", "entry 'preloaded_actors[0]': negative value -1");
    }

    @Test
    void malformedDocuments() throws IOException {
        assertRejected(HYGGE, "{\"prices\": {", "not valid JSON", "line 1");
        assertRejected(HYGGE, "[]", "expected a JSON object with a \"prices\" object");
        assertRejected(HYGGE, "{\"name\": \"x\"}", "expected a \"prices\" object, got nothing");
        assertRejected(HYGGE, "{\"prices\": {}, \"inherits\": \"skyr\"}", "unknown top-level key 'inherits'");
        assertRejected(HYGGE, "{\"prices\": {}, \"name\": 7}", "top-level key 'name': expected a string");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"actor_update\": 1, \"actor_update\": 2}}",
                "not valid JSON",
                "Duplicate field 'actor_update'");
    }

    @Test
    void missingFileIsAnIoError() {
        Path missing = directory.resolve("absent.json");
        assertThatThrownBy(() -> PriceLists.withOverrides(HYGGE, missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read price override file " + missing);
    }

    @Test
    void everyEntryCanBeOverriddenByName() throws IOException {
        // writes each list back with every entry set to a distinct value and checks each one took effect
        for (PriceList base : List.of(SKYR, HYGGE, WATERMELON, TEEP)) {
            StringBuilder prices = new StringBuilder();
            StringBuilder wasm = new StringBuilder();
            int i = 1;
            for (PriceEntry entry : base.entries()) {
                String value = switch (entry.kind()) {
                    case GAS, MULTIPLIER -> Integer.toString(i);
                    case SCALING -> "{\"flat\": " + i + ", \"scale\": " + (i + 1) + "}";
                    case SEAL_PROOF_GAS -> "{\"StackedDRG32GiBV1P1\": " + i + "}";
                    case SEAL_PROOF_STEPS -> "{\"StackedDRG32GiBV1P1\": [{\"start\": 1, \"cost\": " + i + "}]}";
                    case POST_PROOF_SCALING ->
                        "{\"" + PriceList.postFallback(base.generation()).referenceName() + "\": {\"flat\": " + i
                                + ", \"scale\": 0}}";
                    case SIGNATURE_SCALING -> "{\"BLS\": {\"flat\": " + i + ", \"scale\": 0}}";
                    case HASH_SCALING -> "{\"Sha2_256\": {\"flat\": " + i + ", \"scale\": 0}}";
                    case ACTOR_IDS -> "[" + i + "]";
                };
                if (entry.referenceName().startsWith("wasm_rules.")) {
                    wasm.append(wasm.length() == 0 ? "" : ",")
                            .append('"')
                            .append(entry.referenceName().substring("wasm_rules.".length()))
                            .append("\": ")
                            .append(value);
                } else {
                    prices.append(prices.length() == 0 ? "" : ",")
                            .append('"')
                            .append(entry.referenceName())
                            .append("\": ")
                            .append(value);
                }
                i++;
            }
            PriceList list = PriceLists.withOverrides(
                    base, write("{\"prices\": {" + prices + ", \"wasm_rules\": {" + wasm + "}}}"));
            int changed = 0;
            for (PriceEntry entry : base.entries()) {
                if (!list.value(entry).equals(base.value(entry))) {
                    changed++;
                }
            }
            assertThat(changed).as(base.name()).isEqualTo(base.entries().size());
        }
    }

    @Test
    void overrideFileOnAV4List() throws IOException {
        Path file = write("""
                {
                  "name": "teep-study",
                  "prices": {
                    "lookback_cost": {"scale": 100},
                    "ipld_link_tracked": 500,
                    "ipld_cbor_scan_per_field": 0.5,
                    "verify_aggregate_seal_per": {"StackedDRG32GiBV1P2_Feat_NiPoRep": 1},
                    "verify_post_lookup": {"StackedDRGWindow2KiBV1P1": {"flat": 1, "scale": 1}},
                    "wasm_rules": {"host_call_cost": 20000, "math_default": 5}
                  }
                }
                """);
        PriceList list = PriceLists.withOverrides(TEEP, file);
        assertThat(list.name()).isEqualTo("teep-study");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V4);
        // lookback: flat 146200 kept, scale 100 gas per epoch
        assertThat(list.onGetRandomnessLookback(10)).isEqualTo(new GasCharge("OnGetRandomness", 0, 147_200_000));
        assertThat(list.onMethodInvocation(0, 2)).isEqualTo(new GasCharge("OnMethodInvocation", 76_000_000, 0));
        assertThat(list.onGetRoot()).isEqualTo(new GasCharge("OnActorGetRoot", 500_000, 0));
        // the checked price is a separate entry and keeps 300 gas
        assertThat(list.onSetRoot()).isEqualTo(new GasCharge("OnActorSetRoot", 300_000, 0));
        assertThat(list.onScanIpldLinks(4, 1)).isEqualTo(new GasCharge("OnScanIpldLinks", 2_000 + 400_000, 0));
        // 1 gas per NI-PoRep proof + TEEP's step for 1 (112356810 gas)
        assertThat(list.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_32GIB_V1_P2_NI_POREP, 1)
                        .computeMilligas())
                .isEqualTo(1_000 + 112_356_810_000L);
        assertThat(list.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_P1, 5)
                        .computeMilligas())
                .isEqualTo(6_000);
        assertThat(list.onSyscall()).isEqualTo(new GasCharge("OnSyscall", 20_000_000, 0));
        assertThat(list.wasmGasPrices().mathDefault()).isEqualTo(5_000);
        assertThat(list.gas(PriceEntry.VERIFY_SEAL_BASE)).isEqualTo(42_000_000_000L);
        // the base is untouched
        assertThat(TEEP.onSyscall().computeMilligas()).isEqualTo(14_000_000);
        assertThat(PriceLists.withOverrides(WATERMELON, write("{\"prices\": {}}")))
                .isEqualTo(WATERMELON);
    }

    @Test
    void v4ListsRejectEntriesAndProofTypesOfOtherGenerations() throws IOException {
        assertRejected(
                WATERMELON,
                "{\"prices\": {\"tipset_cid_latest\": 1}}",
                "entry 'tipset_cid_latest' belongs to FVM v3 price lists, but this list is FVM v4");
        assertRejected(
                WATERMELON,
                "{\"prices\": {\"syscall_cost\": 1}}",
                "entry 'syscall_cost' belongs to FVM v2/v3 price lists");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"lookback_cost\": {\"flat\": 1, \"scale\": 1}}}",
                "entry 'lookback_cost' belongs to FVM v4 price lists, but this list is FVM v3");
        assertRejected(
                HYGGE,
                "{\"prices\": {\"wasm_rules\": {\"host_call_cost\": 1}}}",
                "entry 'wasm_rules.host_call_cost' belongs to FVM v4");
        assertRejected(
                TEEP,
                "{\"prices\": {\"verify_post_lookup\": {\"StackedDRGWindow32GiBV1\": {\"flat\": 1, \"scale\": 1}}}}",
                "entry 'verify_post_lookup': StackedDRGWindow32GiBV1 is not a proof type of FVM v4");
        assertRejected(
                WATERMELON, "{\"prices\": {\"ipld_link_checked\": -300}}", "entry 'ipld_link_checked': negative price");
        assertRejected(
                WATERMELON,
                "{\"prices\": {\"unknown_v4_entry\": 1}}",
                "expected one of the FVM v4 entries",
                "lookback_cost");
    }

    @Test
    void pricesOfAnotherGenerationBetweenV3AndV4() throws IOException {
        // a v4 machine under v3 prices: shared entries from HYGGE (here with a changed actor_lookup), v4-only entries
        // kept
        PriceList hyggeStudy =
                PriceLists.withOverrides(HYGGE, write("{\"prices\": {\"actor_lookup\": 1, \"tipset_cid_latest\": 7}}"));
        PriceList v4 = PriceLists.withPricesOf(WATERMELON, hyggeStudy);
        assertThat(v4.generation()).isEqualTo(FvmGeneration.V4);
        assertThat(v4.name()).isEqualTo(hyggeStudy.name() + " on v4");
        assertThat(v4.onActorLookup().otherMilligas()).isEqualTo(1_000);
        assertThat(v4.scaling(PriceEntry.LOOKBACK_COST)).isEqualTo(WATERMELON.scaling(PriceEntry.LOOKBACK_COST));
        assertThat(v4.entries()).doesNotContain(PriceEntry.TIPSET_CID_LATEST);
        // HYGGE's V1 window types do not exist in v4 and are dropped
        assertThat(v4.verifyPostLookup())
                .containsOnlyKeys(
                        RegisteredPoStProof.STACKED_DRG_WINDOW_512MIB_V1_P1,
                        RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_P1,
                        RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_P1);

        // a v3 machine under TEEP prices: the per-seal price and NI-PoRep tables come along, v3-only entries are kept
        PriceList v3 = PriceLists.withPricesOf(HYGGE, TEEP);
        assertThat(v3.generation()).isEqualTo(FvmGeneration.V3);
        assertThat(v3.onVerifySeal().computeMilligas()).isEqualTo(42_000_000_000L);
        assertThat(v3.onTipsetCid(false)).isEqualTo(HYGGE.onTipsetCid(false));
        assertThat(v3.onVerifyAggregateSeals(RegisteredSealProof.STACKED_DRG_64GIB_V1_P2_NI_POREP, 1)
                        .computeMilligas())
                .isEqualTo(115_329_958_000L);
        // v3's PoSt fallback (512MiB V1) is priced as v4 charges that type: through v4's own fallback
        PriceList cheapFallback = PriceLists.withOverrides(
                TEEP,
                write(
                        "{\"prices\": {\"verify_post_lookup\": {\"StackedDRGWindow512MiBV1P1\": {\"flat\": 1, \"scale\": 2}}}}"));
        PriceList v3Cheap = PriceLists.withPricesOf(HYGGE, cheapFallback);
        for (RegisteredPoStProof proof : RegisteredPoStProof.values()) {
            assertThat(v3Cheap.onVerifyPost(proof, 10))
                    .as(proof.name())
                    .isEqualTo(cheapFallback.onVerifyPost(proof, 10));
        }
        assertThat(v3Cheap.onVerifyPost(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1, 10)
                        .computeMilligas())
                .isEqualTo(21_000);

        // v2 <-> v3 is unchanged: SKYR's table replaces HYGGE's whole
        assertThat(PriceLists.withPricesOf(HYGGE, SKYR).verifyPostLookup()).isEqualTo(SKYR.verifyPostLookup());
        assertThat(PriceLists.withPricesOf(SKYR, HYGGE).verifyPostLookup()).isEqualTo(HYGGE.verifyPostLookup());
    }
}
