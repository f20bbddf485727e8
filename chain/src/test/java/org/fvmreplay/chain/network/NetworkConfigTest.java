package org.fvmreplay.chain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkConfigTest {
    static Stream<SharedChain> chains() {
        return Stream.of(SharedChain.devnetA(), SharedChain.devnetC());
    }

    @ParameterizedTest
    @MethodSource("chains")
    void manifestScheduleGivesEveryTipsetsNetworkVersion(SharedChain c) {
        NetworkConfig config = NetworkConfig.read(c.manifestPath());
        assertThat(config.genesisCid())
                .contains(Cid.parse(c.manifest().get("genesis_cid").asText()));
        for (JsonNode t : c.tipsets()) {
            assertThat(config.networkVersion(t.get("epoch").asLong()))
                    .as("epoch %s", t.get("epoch"))
                    .isEqualTo(t.get("network_version").asInt());
        }
        // The manifest's own ranges agree too, including epochs of null rounds.
        for (JsonNode range : c.manifest().get("network_versions")) {
            for (long e = range.get("first_tipset_epoch").asLong();
                    e <= range.get("last_tipset_epoch").asLong();
                    e++) {
                assertThat(config.networkVersion(e))
                        .isEqualTo(range.get("network_version").asInt());
            }
        }
        for (JsonNode u : c.manifest().get("upgrade_schedule")) {
            long h = u.get("height").asLong();
            if (h >= 0) {
                Upgrade upgrade = config.upgradeAt(h).orElseThrow();
                assertThat(upgrade.migration()).isEqualTo(u.get("migration").asBoolean());
                assertThat(upgrade.actorsVersion())
                        .isEqualTo(OptionalInt.of(u.get("actors_version").asInt()));
                assertThat(config.upgradeAt(h + 1)).isEmpty();
            }
        }
        assertThat(config.beacon()).isEqualTo(new BeaconSchedule.Mock());
        assertThat(config.blockDelaySecs()).isEqualTo(30);
        // Devnet build constants: Hyperdrive (-16) is before genesis, so senders are keyed by ID from epoch 0.
        assertThat(config.keysSendersById(0)).isTrue();
        assertThat(config.buildConstants()).isEqualTo(BuildConstants.devnet());
    }

    @Test
    void devnetBlockDelayMatchesTheHeaders() {
        for (SharedChain c : new SharedChain[] {SharedChain.devnetA(), SharedChain.devnetC()}) {
            NetworkConfig config = NetworkConfig.read(c.manifestPath());
            long genesisTs = c.chain().tipsetByHeight(0, c.head(), false).minTimestamp();
            var ts = c.head();
            while (ts.height() > 0) {
                assertThat(ts.minTimestamp()).isEqualTo(config.epochTimestamp(genesisTs, ts.height()));
                ts = c.chain().parent(ts);
            }
        }
    }

    @Test
    void upgradeHeightStillRunsTheOldVersion() {
        NetworkConfig mainnet = NetworkConfig.mainnet();
        assertThat(mainnet.networkVersion(0)).isZero();
        assertThat(mainnet.networkVersion(41_280)).isZero();
        assertThat(mainnet.networkVersion(41_281)).isEqualTo(1);
        assertThat(mainnet.networkVersion(2_683_348)).isEqualTo(17);
        assertThat(mainnet.networkVersion(2_683_349)).isEqualTo(18);
        assertThat(mainnet.networkVersion(4_878_840)).isEqualTo(24);
        assertThat(mainnet.networkVersion(4_878_841)).isEqualTo(25);
        assertThat(mainnet.networkVersion(5_138_041)).isEqualTo(26);
        assertThat(mainnet.networkVersion(6_052_801)).isEqualTo(28);
        assertThat(mainnet.upgradeAt(4_878_840).orElseThrow().actorsVersion()).isEqualTo(OptionalInt.of(16));
        assertThat(mainnet.upgradeAt(5_138_040).orElseThrow().migration()).isFalse();
        assertThat(mainnet.keysSendersById(892_799)).isFalse();
        assertThat(mainnet.keysSendersById(892_800)).isTrue();
        assertThat(mainnet.initialFilReserved(25)).isEqualTo(BuildConstants.fil(300_000_000));

        NetworkConfig calibnet = NetworkConfig.calibnet();
        // Upgrades at negative heights are disabled, so calibnet starts at network version 0 like Lotus's.
        assertThat(calibnet.networkVersion(30)).isZero();
        assertThat(calibnet.networkVersion(31)).isEqualTo(4);
        assertThat(calibnet.networkVersion(2_523_455)).isEqualTo(25);
        assertThat(calibnet.upgradeAt(2_558_014).orElseThrow().networkVersion()).isEqualTo(26);
        assertThat(calibnet.initialFilReserved(25)).isEqualTo(BuildConstants.fil(1_200_000_000));
        assertThat(NetworkConfig.forGenesis(NetworkConfig.CALIBNET_GENESIS)).contains(calibnet);
        assertThat(NetworkConfig.forGenesis(NetworkConfig.MAINNET_GENESIS)).contains(mainnet);
        assertThat(NetworkConfig.forGenesis(Cid.parse(
                        SharedChain.devnetA().manifest().get("genesis_cid").asText())))
                .isEmpty();
    }

    @Test
    void drandRounds() {
        // Mainnet after Phoenix: quicknet, period 3 s; one round more than the periods since its genesis (v2 rule).
        NetworkConfig mainnet = NetworkConfig.mainnet();
        long genesisTs = 1_598_306_400L;
        long epoch = 4_000_000;
        long latestTs = genesisTs + (epoch - 1) * 30;
        assertThat(mainnet.beacon().maxBeaconRound(22, epoch, genesisTs, 30))
                .isEqualTo((latestTs - 1_692_803_367L) / 3 + 1);
        // Before nv16 the v1 rule (no +1), mainnet drand period 30 s.
        assertThat(mainnet.beacon().maxBeaconRound(15, 1_000_000, genesisTs, 30))
                .isEqualTo((genesisTs + 999_999L * 30 - 1_595_431_050L) / 30);
    }

    @Test
    void jsonFormat() throws Exception {
        JsonNode json = new ObjectMapper().readTree("""
                {"network_name": "x", "block_delay_secs": 4, "genesis_timestamp": 100,
                 "upgrade_schedule": [
                   {"network_version": 21, "height": -1},
                   {"network_version": 22, "height": 10, "actors_version": 13, "migration": true}],
                 "beacon": {"type": "drand", "schedule": [{"start_epoch": 0, "genesis_time": 50, "period": 3}]},
                 "build_constants": {"hyperdrive_height": -16, "assembly_height": -5,
                                     "teep_initial_fil_reserved": "1400000000000000000000000000"}}
                """);
        NetworkConfig c = NetworkConfig.fromJson(json);
        assertThat(c.genesisNetworkVersion()).isEqualTo(21);
        assertThat(c.networkVersion(10)).isEqualTo(21);
        assertThat(c.networkVersion(11)).isEqualTo(22);
        assertThat(c.blockDelaySecs()).isEqualTo(4);
        assertThat(c.genesisTimestamp()).hasValue(100);
        assertThat(c.keysSendersById(0)).isTrue();
        assertThat(c.buildConstants().assemblyHeight()).isEqualTo(-5);
        // fields left out keep the devnet defaults
        assertThat(c.buildConstants().ignitionHeight())
                .isEqualTo(BuildConstants.devnet().ignitionHeight());
        assertThat(c.initialFilReserved(25)).isEqualTo(BuildConstants.fil(1_400_000_000));
        assertThat(c.beacon()).isInstanceOf(BeaconSchedule.Drand.class);

        assertThatThrownBy(() -> NetworkConfig.fromJson(
                        new ObjectMapper().readTree("{\"upgrade_schedule\": [{\"height\": 3}]}")))
                .hasMessageContaining("network_version");
        assertThatThrownBy(
                        () -> NetworkConfig.fromJson(
                                new ObjectMapper()
                                        .readTree(
                                                "{\"upgrade_schedule\": [{\"network_version\": 22, \"height\": 3}, {\"network_version\": 21, \"height\": 5}]}")))
                .hasMessageContaining("downgrades");
    }
}
