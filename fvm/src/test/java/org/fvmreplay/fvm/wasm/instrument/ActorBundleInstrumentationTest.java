package org.fvmreplay.fvm.wasm.instrument;

import com.dylibso.chicory.wasm.Parser;
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

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Decodes, validates and instruments every actor of the v10 mainnet bundle the way the FVM loads them. */
class ActorBundleInstrumentationTest
{
    /** ref-fvm's max_wasm_stack for every network version (NetworkConfig::new). */
    private static final int MAX_WASM_STACK = 2048;

    private static Map<String, byte[]> actors;

    @BeforeAll
    static void loadBundle()
            throws IOException
    {
        actors = TemporaryCarReader.actorCode(SharedData.directory().resolve("actors/v10.tar.zst"), "builtin-actors-mainnet.car");
    }

    @Test
    void bundleHasAllV10Actors()
    {
        assertThat(actors).containsKeys("system", "init", "cron", "account", "storagepower", "storageminer", "storagemarket",
                "paymentchannel", "multisig", "reward", "verifiedregistry", "datacap", "placeholder", "evm", "eam", "ethaccount");
        assertThat(actors.values()).allSatisfy(code -> assertThat(code).isNotNull());
    }

    @Test
    void everySectionRoundTripsByteForByte()
    {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            WasmModule module = WasmModule.decode(actor.getValue());
            assertThat(module.encode()).as(actor.getKey()).isEqualTo(actor.getValue());
            // code is re-encoded canonically (as the reference's wasm-encoder does), which drops the linker's padded
            // LEB128 relocation slots: the instructions survive exactly, the bytes get shorter
            Section code = module.section(Section.CODE).orElseThrow();
            List<FunctionBody> bodies = SectionCodec.decodeCode(code);
            Section canonical = SectionCodec.encodeCode(bodies);
            assertThat(SectionCodec.decodeCode(canonical)).as(actor.getKey() + " code").isEqualTo(bodies);
            assertThat(SectionCodec.encodeCode(SectionCodec.decodeCode(canonical))).isEqualTo(canonical);
            assertThat(canonical.payload().length).isLessThanOrEqualTo(code.payload().length);
            module.section(Section.TYPE).ifPresent(types -> assertThat(SectionCodec.encodeTypes(SectionCodec.decodeTypes(types))).isEqualTo(types));
            module.section(Section.EXPORT).ifPresent(exports -> assertThat(SectionCodec.encodeExports(SectionCodec.decodeExports(exports))).isEqualTo(exports));
            module.section(Section.GLOBAL).ifPresent(globals -> assertThat(SectionCodec.encodeGlobals(SectionCodec.decodeGlobals(globals))).isEqualTo(globals));
            module.section(Section.ELEMENT).ifPresent(elements -> assertThat(SectionCodec.encodeElements(SectionCodec.decodeElements(elements))).isEqualTo(elements));
            module.section(Section.IMPORT).ifPresent(imports -> assertThat(SectionCodec.encodeImports(SectionCodec.decodeImports(imports))).isEqualTo(imports));
        }
    }

    @Test
    void everyActorPassesFvmValidation()
    {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            assertThatCode(() -> FvmModuleValidator.validate(actor.getValue())).as(actor.getKey()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyActorInstrumentsToAValidModule()
    {
        for (Map.Entry<String, byte[]> actor : actors.entrySet()) {
            WasmModule original = WasmModule.decode(actor.getValue());
            byte[] limited = StackLimiterInjector.inject(actor.getValue(), MAX_WASM_STACK);
            byte[] metered = GasMeteringInjector.inject(limited, ConstantCostRules.defaults(), "gas");

            WasmModule result = WasmModule.decode(metered);
            assertThat(result.imports()).as(actor.getKey())
                    .filteredOn(i -> i.kind() == ExternalKind.GLOBAL)
                    .extracting(Import::module, Import::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gas", "gas_counter"));
            // at least the charge function was added, plus one thunk per exported/table/start function with a stack cost
            assertThat(result.functions().size()).as(actor.getKey()).isGreaterThan(original.functions().size() + 1);
            assertThat(result.globals()).hasSize(original.globals().size() + 1);
            // an independent validator (Chicory's) accepts the instrumented module
            assertThatCode(() -> Parser.parse(metered)).as(actor.getKey()).doesNotThrowAnyException();
        }
    }
}
