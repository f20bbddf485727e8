package org.fvmreplay.fvm.wasm.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.dylibso.chicory.wasm.Parser;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.wasm.SharedData;
import org.fvmreplay.fvm.wasm.TemporaryCarReader;
import org.fvmreplay.fvm.wasm.binary.ExternalKind;
import org.fvmreplay.fvm.wasm.binary.FunctionBody;
import org.fvmreplay.fvm.wasm.binary.Import;
import org.fvmreplay.fvm.wasm.binary.Section;
import org.fvmreplay.fvm.wasm.binary.SectionCodec;
import org.fvmreplay.fvm.wasm.binary.WasmModule;
import org.fvmreplay.fvm.wasm.instrument.gas.ConstantCostRules;
import org.fvmreplay.fvm.wasm.instrument.gas.GasMeteringInjector;
import org.fvmreplay.fvm.wasm.instrument.stack.StackLimiterInjector;
import org.fvmreplay.fvm.wasm.validation.FvmModuleValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decodes, validates and instruments every actor of the v10 mainnet bundle the way the FVM loads them. */
class ActorBundleInstrumentationTest {
    /** ref-fvm's max_wasm_stack for every network version (NetworkConfig::new). */
    private static final int MAX_WASM_STACK = 2048;

    /**
     * Reference digests, produced by running the published fvm-wasm-instrument 0.4.0 crate (source identical to the
     * repository's master) on each v10 mainnet actor: key = first 16 hex digits of SHA-256 of the actor's code; values =
     * SHA-256 of {@code gas_metering::inject(stack_limiter::inject(code, 2048), ConstantCostRules::default(), "gas")} and of
     * {@code gas_metering::inject(code, ConstantCostRules::new(1, 10000), "gas")} (exercises run-time memory.grow charges).
     */
    private static final Map<String, List<String>> REFERENCE_DIGESTS = Map.ofEntries(
            Map.entry(
                    "fdf43616e42c37c2",
                    List.of(
                            "053c583247c47207568f01cf5b00baa56c40ac1b394d535cab419564ad1cb27b",
                            "ee7ccff3a98998eba40d7eda3f955b82566d2006c9b445e21f487f70e8a97518")),
            Map.entry(
                    "773bbcbe4704c59c",
                    List.of(
                            "7983a6395e3a819a29799909d49a31d6d6c5c88ad647bc7b5504ad22d596e4cf",
                            "d3ff5925c49d7b43e5c356c153113b7fcbc541300c6a85c77e2d82fbd30e6790")),
            Map.entry(
                    "adc1b7256cee5ec8",
                    List.of(
                            "59e600d52035831e672631e31abdd85cf8333d29f382b71fa04e8e804ad93430",
                            "8eb3f0152c672e671d07a51136f74afb2fb6da25471d73f167ccf495ad710c79")),
            Map.entry(
                    "d2b37f6fa990899b",
                    List.of(
                            "e4097d0d66b8b9b6c76f919dee915a0457d5c7386d4435a51faaabe84968fae5",
                            "7e7f48e8f56631dcf98fc3a7d58213d97d0713261fb146b5acd8b4851dacf43d")),
            Map.entry(
                    "241076e59f704957",
                    List.of(
                            "2d48871f469277586c3730d82689ed3711c6d3b840464dc2b3953502705d7522",
                            "9ab6984690313ada642ae903ce03c87caeb45abee46e2f4aab4746d053dd48d3")),
            Map.entry(
                    "ee797cadcfba8e4c",
                    List.of(
                            "84171486503a27a9a13166d977c352a956bd3118439e628359a156c3d2eef5f6",
                            "d3f51877c1facc0f83b191879cbf24c4bb26121f463f12aa807e1ed6a9d6c11c")),
            Map.entry(
                    "8a1d697c53bd3ed1",
                    List.of(
                            "389e41b1d3e4dff8461cbef7804994847e47e6188935e54c3531efe5f56cddf1",
                            "0fb842a0482babb8479a2cb8b3b3b8233fc6b3d0ccf6b1f4dcf5fef03d8bf203")),
            Map.entry(
                    "cdd2b4ad3ba1a986",
                    List.of(
                            "646be606fa271f6b484dcbf3602c0da0833ab892c3b70c1724f1590ef9853b4a",
                            "f2d639274c9ab49cbd99dead774221109b5ee705b5316a4ded5d4efbabdf06a4")),
            Map.entry(
                    "3c8d762df35a486a",
                    List.of(
                            "4aa5567d058919c47c9f51fcb7b1b2b68ff34179bb44951c5c58d1ab2de2e9e5",
                            "1530d3bdefa04c027ee30d8d16a59cbacecad360541b1865b25946d52e4ee4c1")),
            Map.entry(
                    "45dc3c6da9bb56e0",
                    List.of(
                            "15871ea1080b7bd0d61ee35f962d0d02c2995e5cd5d7e68171dc5a5089008e23",
                            "ffd1ec3c272e9322390ab1a857c49173695616c428cd958631f123abc5d30026")),
            Map.entry(
                    "9ce860ddcee4bb20",
                    List.of(
                            "a36c95c30954c8b466a1c83f10d9a2ad5aec62f8e4b58e5787e215d2bc260030",
                            "32dacf2e9844cadf57135d2119023d0179a845ac614b30ee7ddbe926e781f54b")),
            Map.entry(
                    "c867503003409c44",
                    List.of(
                            "fd92b8bd09c8f69269adf64eb9c640f4495443a4916a5125f2d34affed254eef",
                            "be9ce6dffc8ed639b95ec998e6bafe04b105af3b7dcdddd24635227f62f72093")),
            Map.entry(
                    "9c769a6d60f01f6b",
                    List.of(
                            "d399c98a7e3576192021aca176710d1204a9f68c30408160b4ab502fffbd76ab",
                            "05b385b2177770a0938aa6c7f24b86db5cdca7a25356d7c88829df63e3a55157")),
            Map.entry(
                    "ca2e350342406b12",
                    List.of(
                            "124fe6c8511271192c7e5b7feac59551c1f003106b392d37cfc23276cdc9d2b4",
                            "c1a607e3a72fb8cc7a6c65e871da58e8cc479415f2d39b3073d790393cc41e8e")),
            Map.entry(
                    "d00f64fc8265ac47",
                    List.of(
                            "d292c029f26cd772bc53e9952e04b48c894aa66b04d47f9b86208f446909ed58",
                            "0b432ec0ceee1f07b113d9e0e01c5bd43e1d2aff5684d854f1d8999e0d3a1d6d")),
            Map.entry(
                    "c8c7205bf11696b6",
                    List.of(
                            "e82213bbae0441ff8919e1c131af647346413d77eea86ff9e18e8f2d9162b235",
                            "138a13949ccb15033bb1b39a23a7f36aa51b0052f2b4a5d3d6a142c8999f1344")));

    /**
     * The same two configurations run with the published fvm-wasm-instrument 0.2.0 crate (feature "bulk", parity-wasm
     * deserialize/serialize, as FVM v2 loads actors) on each v9 mainnet actor (the bundle of network version 17).
     */
    private static final Map<String, List<String>> REFERENCE_DIGESTS_V0_2 = Map.ofEntries(
            Map.entry(
                    "265375a1e9bda8a2",
                    List.of(
                            "2bb545e1ac48c125dce95b6092751176d0648b46f1f5818cce1d1c38c0c69377",
                            "1e6fddaac0d85f48fb2efcbdbf51273b273162496b766a5cfe911e4724108f34")),
            Map.entry(
                    "80c669aa9424d49c",
                    List.of(
                            "2b8b8c4ae3f3aa84ec5d72de4fc9381869b033e766564ef8b8cc385a8d417c85",
                            "42e4dbf2ecc6a2d0aa4ff3655b9b4ea53cbf5fd8611ec1590bb7d7318125c8ac")),
            Map.entry(
                    "39b8a8e82987ed04",
                    List.of(
                            "da1926dc0e3065822b55e7279ca1ba3e9e2268bdb1c8d7a01f5aca3ca38479f4",
                            "8a75d7d371fc891f22db927aaed1e59b62eb8c3a8935f9af9ccdee1bde175da0")),
            Map.entry(
                    "56ddf64508eaafe3",
                    List.of(
                            "a15ee59d27108c5e5a4670f7a50d08f389e1fa30e1f748e4188f125b97e5f89b",
                            "9da00919a4422f7e6993d89ffaabc42a27f859ad039c081423c06656f3d5a4af")),
            Map.entry(
                    "40d0dae6b664eb43",
                    List.of(
                            "59666f765120379e781ed5dc4ac6ebdeae92602279762b3a0acc6cdfb60024d5",
                            "aa6eecf46f9e10afe8384f6d9888f5d44ad04008ec1ba0905a53582c34cd661f")),
            Map.entry(
                    "1b7f8f81354f11b1",
                    List.of(
                            "9a88cf1d81b1405b35b2ebcea7128eeb28e639fa634a0ae6467ceaa69aed7df5",
                            "81b2272a0baac1a0f7ed3ab3362ca93c00e1062df9c673afbb3606192d1de70e")),
            Map.entry(
                    "02d4e132366cb615",
                    List.of(
                            "01e200a08c393b674a6a5fa5e7efa98b13892b4485e4057f0d0ae19225b9d371",
                            "037f449d6fb0bdba675cef8ea05d5bd19200ac36869fe80813125ecd8e3ad2e9")),
            Map.entry(
                    "e5fa2739b7e9abfd",
                    List.of(
                            "4014f701b036c2722a22aa1d202e783b07272aea29a4b853f1134dbbb57b84b7",
                            "08b7c21e9115a0931b743516e1b1ae54ae317eca8ac8a29048c8b32d009d7848")),
            Map.entry(
                    "dbddf18ed3345299",
                    List.of(
                            "05536c71206523f6ea9c3f65cd6ba83741b757f660420bc3d57a1a0d9da02807",
                            "9e2cc6b25e13726334e7485aa42695318ef5898462c1f10306ce86847464fd80")),
            Map.entry(
                    "2931059f3282f6f2",
                    List.of(
                            "fc00bd633cec5e364271a443e25afa496a9eff0d4944683f6ead9f8058914dc7",
                            "d07564862d87dce7fd8151475d9f17b97514609fd204a38a62edcd8e6bb6d400")),
            Map.entry(
                    "af90d6dd774c3712",
                    List.of(
                            "24d524e86e169a59c81c5ae68948ccf6b70e938d8715dac17a98a42b03a2d6d9",
                            "fba5b373e13500097ec17e35cded6c9a9710bf8ddab29e4fad3224b252e2f033")),
            Map.entry(
                    "81282c5605160176",
                    List.of(
                            "a5d911923c4c80590fce5c227089db479ed2d20b2a4ce8d3b1fa7ea4a69e0405",
                            "b935b1ded213081d1c0b8891d34ddda1fd86494c2379a9840a531dc672ae4c54")));

    private static Map<String, byte[]> actors;

    @BeforeAll
    static void loadBundle() throws IOException {
        actors = TemporaryCarReader.actorCode(
                SharedData.directory().resolve("actors/v10.tar.zst"), "builtin-actors-mainnet.car");
    }

    @Test
    void bundleHasAllV10Actors() {
        assertThat(actors)
                .containsKeys(
                        "system",
                        "init",
                        "cron",
                        "account",
                        "storagepower",
                        "storageminer",
                        "storagemarket",
                        "paymentchannel",
                        "multisig",
                        "reward",
                        "verifiedregistry",
                        "datacap",
                        "placeholder",
                        "evm",
                        "eam",
                        "ethaccount");
        assertThat(actors.values()).allSatisfy(code -> assertThat(code).isNotNull());
    }

    @Test
    void everySectionRoundTripsByteForByte() {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            WasmModule module = WasmModule.decode(actor.getValue());
            assertThat(module.encode()).as(actor.getKey()).isEqualTo(actor.getValue());
            // code is re-encoded canonically (as the reference's wasm-encoder does), which drops the linker's padded
            // LEB128 relocation slots: the instructions survive exactly, the bytes get shorter
            Section code = module.section(Section.CODE).orElseThrow();
            List<FunctionBody> bodies = SectionCodec.decodeCode(code);
            Section canonical = SectionCodec.encodeCode(bodies);
            assertThat(SectionCodec.decodeCode(canonical))
                    .as(actor.getKey() + " code")
                    .isEqualTo(bodies);
            assertThat(SectionCodec.encodeCode(SectionCodec.decodeCode(canonical)))
                    .isEqualTo(canonical);
            assertThat(canonical.payload().length).isLessThanOrEqualTo(code.payload().length);
            module.section(Section.TYPE)
                    .ifPresent(types -> assertThat(SectionCodec.encodeTypes(SectionCodec.decodeTypes(types)))
                            .isEqualTo(types));
            module.section(Section.EXPORT)
                    .ifPresent(exports -> assertThat(SectionCodec.encodeExports(SectionCodec.decodeExports(exports)))
                            .isEqualTo(exports));
            module.section(Section.GLOBAL)
                    .ifPresent(globals -> assertThat(SectionCodec.encodeGlobals(SectionCodec.decodeGlobals(globals)))
                            .isEqualTo(globals));
            module.section(Section.ELEMENT)
                    .ifPresent(
                            elements -> assertThat(SectionCodec.encodeElements(SectionCodec.decodeElements(elements)))
                                    .isEqualTo(elements));
            module.section(Section.IMPORT)
                    .ifPresent(imports -> assertThat(SectionCodec.encodeImports(SectionCodec.decodeImports(imports)))
                            .isEqualTo(imports));
        }
    }

    @Test
    void everyActorPassesFvmValidation() {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            assertThatCode(() -> FvmModuleValidator.validate(actor.getValue()))
                    .as(actor.getKey())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void instrumentationIsByteIdenticalToTheReferenceCrate() {
        int matched = 0;
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            List<String> expected =
                    REFERENCE_DIGESTS.get(sha256(actor.getValue()).substring(0, 16));
            assertThat(expected).as("reference digests for %s", actor.getKey()).isNotNull();
            byte[] limitedAndMetered = GasMeteringInjector.inject(
                    StackLimiterInjector.inject(actor.getValue(), MAX_WASM_STACK), ConstantCostRules.defaults(), "gas");
            byte[] meteredWithGrowCost =
                    GasMeteringInjector.inject(actor.getValue(), new ConstantCostRules(1, 10_000), "gas");
            assertThat(sha256(limitedAndMetered))
                    .as("%s stack limiter + gas", actor.getKey())
                    .isEqualTo(expected.get(0));
            assertThat(sha256(meteredWithGrowCost))
                    .as("%s gas with memory.grow page cost", actor.getKey())
                    .isEqualTo(expected.get(1));
            matched++;
        }
        assertThat(matched).isEqualTo(16);
    }

    @Test
    void version02InstrumentationOfV9ActorsIsByteIdenticalToTheReferenceCrate() throws IOException {
        Map<String, byte[]> v9 = TemporaryCarReader.actorCode(
                SharedData.directory().resolve("actors/v9.tar.zst"), "builtin-actors-mainnet.car");
        assertThat(v9).hasSize(12);
        for (Map.Entry<String, byte[]> actor : v9.entrySet()) {
            List<String> expected =
                    REFERENCE_DIGESTS_V0_2.get(sha256(actor.getValue()).substring(0, 16));
            assertThat(expected)
                    .as("reference digests for v9 %s", actor.getKey())
                    .isNotNull();
            byte[] limited = StackLimiterInjector.inject(actor.getValue(), MAX_WASM_STACK, InstrumentVersion.V0_2);
            byte[] limitedAndMetered =
                    GasMeteringInjector.inject(limited, ConstantCostRules.defaults(), "gas", InstrumentVersion.V0_2);
            byte[] meteredWithGrowCost = GasMeteringInjector.inject(
                    actor.getValue(), new ConstantCostRules(1, 10_000), "gas", InstrumentVersion.V0_2);
            assertThat(sha256(limitedAndMetered))
                    .as("v9 %s stack limiter + gas (0.2)", actor.getKey())
                    .isEqualTo(expected.get(0));
            assertThat(sha256(meteredWithGrowCost))
                    .as("v9 %s gas with memory.grow page cost (0.2)", actor.getKey())
                    .isEqualTo(expected.get(1));
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyActorInstrumentsToAValidModule() {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            WasmModule original = WasmModule.decode(actor.getValue());
            byte[] limited = StackLimiterInjector.inject(actor.getValue(), MAX_WASM_STACK);
            byte[] metered = GasMeteringInjector.inject(limited, ConstantCostRules.defaults(), "gas");

            WasmModule result = WasmModule.decode(metered);
            assertThat(result.imports())
                    .as(actor.getKey())
                    .filteredOn(i -> i.kind() == ExternalKind.GLOBAL)
                    .extracting(Import::module, Import::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gas", "gas_counter"));
            // at least the charge function was added, plus one thunk per exported/table/start function with a stack
            // cost
            assertThat(result.functions().size())
                    .as(actor.getKey())
                    .isGreaterThan(original.functions().size() + 1);
            assertThat(result.globals()).hasSize(original.globals().size() + 1);
            // an independent validator (Chicory's) accepts the instrumented module
            assertThatCode(() -> Parser.parse(metered)).as(actor.getKey()).doesNotThrowAnyException();
        }
    }
}
