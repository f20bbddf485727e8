package org.fvmreplay.fvm.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping of the reference's {@code price_list_by_network_version} on release/v2, release/v3 and master (with the
 * {@code nv29-dev} feature Lotus's filecoin-ffi builds with), limited to 16..29.
 */
class PriceListsNetworkVersionTest {
    @ParameterizedTest
    @ValueSource(ints = {16, 17})
    void fvmV2VersionsUseSkyr(int networkVersion) {
        // release/v2 line 693: `_ => &SKYR_PRICES`
        PriceList list = PriceLists.forNetworkVersion(networkVersion);
        assertThat(list.name()).isEqualTo("SKYR_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V2);
        assertThat(list).isSameAs(PriceLists.byName(PriceLists.SKYR));
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 19, 20})
    void fvmV3VersionsUseHygge(int networkVersion) {
        // release/v3 line 984: `NetworkVersion::V18 | NetworkVersion::V19 | NetworkVersion::V20 => &HYGGE_PRICES`
        PriceList list = PriceLists.forNetworkVersion(networkVersion);
        assertThat(list.name()).isEqualTo("HYGGE_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V3);
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 22, 23, 24})
    void fvmV4VersionsBeforeTeepUseWatermelon(int networkVersion) {
        // master: `NetworkVersion::V21 | NetworkVersion::V22 | NetworkVersion::V23 | NetworkVersion::V24 =>
        // &WATERMELON_PRICES`
        PriceList list = PriceLists.forNetworkVersion(networkVersion);
        assertThat(list.name()).isEqualTo("WATERMELON_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V4);
        assertThat(list).isSameAs(PriceLists.byName(PriceLists.WATERMELON));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 26, 27, 28, 29})
    void fvmV4VersionsFromTeepUseTeep(int networkVersion) {
        // master: `NetworkVersion::V25 | ... | NetworkVersion::V28 => &TEEP_PRICES`, and `#[cfg(feature = "nv29-dev")]
        // V29 => &TEEP_PRICES`
        PriceList list = PriceLists.forNetworkVersion(networkVersion);
        assertThat(list.name()).isEqualTo("TEEP_PRICES");
        assertThat(list.generation()).isEqualTo(FvmGeneration.V4);
        assertThat(list).isSameAs(PriceLists.byName(PriceLists.TEEP));
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 30, 0, -1})
    void otherVersionsAreRejected(int networkVersion) {
        assertThatThrownBy(() -> PriceLists.forNetworkVersion(networkVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network version " + networkVersion + " is not supported")
                .hasMessageContaining("16 and 17")
                .hasMessageContaining("25 to 29 (FVM v4, TEEP_PRICES)");
    }

    @Test
    void unknownListName() {
        assertThatThrownBy(() -> PriceLists.byName("dragon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no price list named 'dragon'")
                .hasMessageContaining("[oh-snap, skyr, hygge, watermelon, teep]");
    }

    @Test
    void selectionFrom17To29() {
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(17, "SKYR_PRICES");
        for (int nv = 18; nv <= 20; nv++) {
            expected.put(nv, "HYGGE_PRICES");
        }
        for (int nv = 21; nv <= 24; nv++) {
            expected.put(nv, "WATERMELON_PRICES");
        }
        for (int nv = 25; nv <= 29; nv++) {
            expected.put(nv, "TEEP_PRICES");
        }
        Map<Integer, String> actual = new LinkedHashMap<>();
        for (int nv = 17; nv <= 29; nv++) {
            actual.put(nv, PriceLists.forNetworkVersion(nv).name());
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void teepDiffersFromWatermelonInExactlyThreeEntries() {
        // TEEP_PRICES = PriceList { verify_seal_base, verify_aggregate_seal_per, verify_aggregate_seal_steps,
        // ..WATERMELON_PRICES }
        PriceList watermelon = PriceLists.byName(PriceLists.WATERMELON);
        PriceList teep = PriceLists.byName(PriceLists.TEEP);
        assertThat(teep.entries()).isEqualTo(watermelon.entries());
        assertThat(watermelon.entries().stream()
                        .filter(entry -> !watermelon.value(entry).equals(teep.value(entry))))
                .containsExactlyInAnyOrder(
                        PriceEntry.VERIFY_SEAL_BASE,
                        PriceEntry.VERIFY_AGGREGATE_SEAL_PER,
                        PriceEntry.VERIFY_AGGREGATE_SEAL_STEPS);
    }

    @Test
    void skyrDiffersFromOhSnapInExactlySixEntries() {
        PriceList ohSnap = PriceLists.byName(PriceLists.OH_SNAP);
        PriceList skyr = PriceLists.byName(PriceLists.SKYR);
        long differing = ohSnap.entries().stream()
                .filter(entry -> !ohSnap.value(entry).equals(skyr.value(entry)))
                .count();
        assertThat(differing).isEqualTo(6);
    }

    @Test
    void listsAreImmutable() {
        PriceList hygge = PriceLists.byName(PriceLists.HYGGE);
        assertThatThrownBy(() -> hygge.entries().remove(PriceEntry.ACTOR_LOOKUP))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hygge.hashingCost().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hygge.preloadedActors().add(5L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(hygge.gas(PriceEntry.ACTOR_LOOKUP)).isEqualTo(500_000_000);
    }
}
