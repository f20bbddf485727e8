package org.fvmreplay.chain.actors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MethodNamesTest {
    /** The bundle manifests' actor names, actors v10 on. */
    private static final List<String> TYPES = List.of(
            "account",
            "cron",
            "datacap",
            "eam",
            "ethaccount",
            "evm",
            "init",
            "multisig",
            "paymentchannel",
            "placeholder",
            "reward",
            "storagemarket",
            "storageminer",
            "storagepower",
            "system",
            "verifiedregistry");

    @Test
    void legacyAndExportedNumbers() {
        assertThat(MethodNames.name("storageminer", 34, 18)).contains("ProveCommitSectors3");
        assertThat(MethodNames.name("eam", 4, 12)).contains("CreateExternal");
        assertThat(MethodNames.name("evm", 3844450837L, 16)).contains("InvokeContract");
        assertThat(MethodNames.name("storageminer", Frc42.methodNumber("ChangePeerID"), 14))
                .contains("ChangePeerIDExported");
        assertThat(MethodNames.name("multisig", 3726118371L, 13)).contains("UniversalReceiverHook");
    }

    @Test
    void sendOnEveryActorAndNothingElseUnknown() {
        for (String type : TYPES) {
            assertThat(MethodNames.name(type, 0)).as(type).contains("Send");
            assertThat(MethodNames.name(type, 0, 15)).as(type).contains("Send");
        }
        assertThat(MethodNames.name("placeholder", 1, 15)).isEmpty();
        assertThat(MethodNames.name("account", 3, 15)).isEmpty();
        assertThat(MethodNames.name("account", 3844450837L, 15)).isEmpty();
        assertThat(MethodNames.name("nosuchactor", 2)).isEmpty();
        assertThat(MethodNames.name(null, 0)).isEmpty();
        assertThat(MethodNames.name(null, 0, 15)).isEmpty();
    }

    @Test
    void namesFollowTheActorsVersion() {
        assertThat(MethodNames.name("storagemarket", 6, 11)).contains("ActivateDeals");
        assertThat(MethodNames.name("storagemarket", 6, 12)).contains("BatchActivateDeals");
        assertThat(MethodNames.name("storagemarket", 6)).contains("BatchActivateDeals");
        assertThat(MethodNames.name("storageminer", 17, 13)).contains("ConfirmSectorProofsValid");
        assertThat(MethodNames.name("storageminer", 17, 14)).contains("InternalSectorSetupForPreseal");
        // datacap went from legacy numbers (v9) to exported ones only (v10)
        assertThat(MethodNames.name("datacap", 2, 9)).contains("Mint");
        assertThat(MethodNames.name("datacap", 2, 10)).isEmpty();
        assertThat(MethodNames.name("datacap", Frc42.methodNumber("Mint"), 10)).contains("MintExported");
        // ProveCommitSectors3 came with actors v13
        assertThat(MethodNames.name("storageminer", 34, 12)).isEmpty();
        assertThat(MethodNames.name("storageminer", 34, 13)).contains("ProveCommitSectors3");
        // too old for the table; a newer version than the table's counts as its newest
        assertThat(MethodNames.name("storageminer", 4, 7)).isEmpty();
        assertThat(MethodNames.name("storageminer", 4, 25)).contains("ChangePeerID");
    }

    @Test
    void tableCoversEveryActorOfEveryVersion() {
        for (int v = 12; v <= MethodNames.NEWEST_ACTORS_VERSION; v++) {
            int version = v;
            Set<String> withConstructor = MethodNames.entries().stream()
                    .filter(e -> e.in(version) && e.method() == 1)
                    .map(MethodNames.Entry::actorType)
                    .collect(Collectors.toSet());
            // the placeholder actor has no methods at all: it only receives value until something claims its address
            assertThat(withConstructor)
                    .as("actors v" + v)
                    .containsExactlyInAnyOrderElementsOf(
                            TYPES.stream().filter(t -> !t.equals("placeholder")).toList());
        }
        assertThat(MethodNames.entries()).allSatisfy(e -> {
            assertThat(e.exportedAs().isPresent())
                    .as(e.toString())
                    .isEqualTo(e.method() >= Frc42.FIRST_EXPORTED_METHOD);
            assertThat(e.name()).matches("[A-Z][A-Za-z0-9_]*");
        });
        // exported methods that Lotus leaves unnamed are few, and none replaces a Lotus name
        assertThat(MethodNames.entries().stream().filter(e -> !e.inLotus()))
                .extracting(MethodNames.Entry::name)
                .containsExactly("MinerPowerExported");
    }
}
