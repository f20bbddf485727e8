package org.fvmreplay.chain.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.ipld.cid.Cid;

/**
 * What a network's chain execution depends on besides the chain: the upgrade schedule (network version by epoch,
 * migrations), seconds per epoch, the beacon, and Lotus build constants. Built in: {@link #mainnet()} and
 * {@link #calibnet()}; others are read from JSON ({@link #read(Path)}, the format is in {@code chain/README.md}), which
 * accepts a shared chain's {@code manifest.json} as it is.
 *
 * @param genesisCid the genesis block this configuration is for, when known
 * @param genesisNetworkVersion the version of epochs up to the first upgrade
 * @param upgrades enabled upgrades (height {@code >= 0}), by height; heights strictly increase
 * @param genesisTimestamp seconds; empty to take it from the genesis header
 */
public record NetworkConfig(
        String name,
        Optional<Cid> genesisCid,
        int genesisNetworkVersion,
        List<Upgrade> upgrades,
        long blockDelaySecs,
        OptionalLong genesisTimestamp,
        BeaconSchedule beacon,
        BuildConstants buildConstants) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mainnet's and calibnet's genesis blocks (lotus {@code build/genesis}; the calibnet one also in its docs). */
    public static final Cid MAINNET_GENESIS =
            Cid.parse("bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2");

    public static final Cid CALIBNET_GENESIS =
            Cid.parse("bafy2bzacecyaggy24wol5ruvs6qm73gjibs2l2iyhcqmvi7r7a4ph7zx3yqd4");

    public NetworkConfig {
        requireNonNull(name, "name is null");
        requireNonNull(genesisCid, "genesisCid is null");
        upgrades = List.copyOf(requireNonNull(upgrades, "upgrades is null"));
        requireNonNull(genesisTimestamp, "genesisTimestamp is null");
        requireNonNull(beacon, "beacon is null");
        requireNonNull(buildConstants, "buildConstants is null");
        if (blockDelaySecs <= 0) {
            throw new IllegalArgumentException("block delay must be positive: " + blockDelaySecs);
        }
        int nv = genesisNetworkVersion;
        for (int i = 0; i < upgrades.size(); i++) {
            Upgrade u = upgrades.get(i);
            if (u.height() < 0) {
                throw new IllegalArgumentException("upgrade " + u + " is disabled (negative height); leave it out");
            }
            if (u.networkVersion() < nv) {
                throw new IllegalArgumentException("upgrade " + u + " downgrades from network version " + nv);
            }
            if (i > 0 && upgrades.get(i - 1).height() >= u.height()) {
                throw new IllegalArgumentException(
                        "upgrade heights must strictly increase: " + upgrades.get(i - 1) + ", " + u);
            }
            nv = u.networkVersion();
        }
    }

    /**
     * The network version tipsets at {@code epoch} execute under (Lotus {@code GetNetworkVersion}): an upgrade at
     * height H takes effect at H + 1; epoch H still runs the old version.
     */
    public int networkVersion(long epoch) {
        int nv = genesisNetworkVersion;
        for (Upgrade u : upgrades) {
            if (epoch <= u.height()) {
                return nv;
            }
            nv = u.networkVersion();
        }
        return nv;
    }

    /** The upgrade at exactly this height, if any; its migration (if it has one) runs after that epoch's cron. */
    public Optional<Upgrade> upgradeAt(long height) {
        return upgrades.stream().filter(u -> u.height() == height).findFirst();
    }

    /** The upgrades whose height lies in {@code [fromInclusive, toExclusive)}: what a replay from one epoch to another crosses. */
    public List<Upgrade> upgradesBetween(long fromInclusive, long toExclusive) {
        return upgrades.stream()
                .filter(u -> u.height() >= fromInclusive && u.height() < toExclusive)
                .toList();
    }

    /**
     * Whether the nonce rule of message selection keys senders by actor ID once an ID-addressed sender appears: Lotus
     * compares the tipset height with its Hyperdrive build constant ({@code >=}), not with the schedule.
     */
    public boolean keysSendersById(long epoch) {
        return epoch >= buildConstants.hyperdriveHeight();
    }

    /** The VM timestamp of a null-round epoch (its cron runs at it): genesis timestamp + block delay × epoch, seconds. */
    public long epochTimestamp(long genesisTimestamp, long epoch) {
        return genesisTimestamp + blockDelaySecs * epoch;
    }

    /** The FIL reserve's initial balance for the circulating supply at this network version, attoFIL. */
    public BigInteger initialFilReserved(int networkVersion) {
        return networkVersion >= 25 ? buildConstants.teepInitialFilReserved() : buildConstants.initialFilReserved();
    }

    /** The built-in configuration for this genesis block (mainnet or calibnet), if there is one. */
    public static Optional<NetworkConfig> forGenesis(Cid genesis) {
        requireNonNull(genesis, "genesis is null");
        if (genesis.equals(MAINNET_GENESIS)) {
            return Optional.of(mainnet());
        }
        if (genesis.equals(CALIBNET_GENESIS)) {
            return Optional.of(calibnet());
        }
        return Optional.empty();
    }

    /** Mainnet: lotus {@code build/buildconstants/params_mainnet.go} and {@code chain/consensus/filcns/upgrades.go}. */
    public static NetworkConfig mainnet() {
        long lightning = 2_809_800;
        long teep = 4_878_840;
        long dragon = 3_855_360;
        List<Upgrade> u = List.of(
                up("Breeze", 1, 41_280, 0, true),
                up("Smoke", 2, 51_000, 0, false),
                up("Ignition", 3, 94_000, 0, true),
                up("Refuel", 3, 130_800, 0, true),
                up("Assembly", 4, 138_720, 2, true),
                up("Tape", 5, 140_760, 0, false),
                up("Liftoff", 5, 148_888, 0, true),
                up("Kumquat", 6, 170_000, 0, false),
                up("Calico", 7, 265_200, 0, true),
                up("Persian", 8, 265_200 + 120 * 60, 0, false),
                up("Orange", 9, 336_458, 0, false),
                up("Trust", 10, 550_321, 3, true),
                up("Norwegian", 11, 665_280, 0, false),
                up("Turbo", 12, 712_320, 4, true),
                up("Hyperdrive", 13, 892_800, 5, true),
                up("Chocolate", 14, 1_231_620, 6, true),
                up("OhSnap", 15, 1_594_680, 7, true),
                up("Skyr", 16, 1_960_320, 8, true),
                up("Shark", 17, 2_383_680, 9, true),
                up("Hygge", 18, 2_683_348, 10, true),
                up("Lightning", 19, lightning, 11, true),
                up("Thunder", 20, lightning + 2880 * 21, 0, false),
                up("Watermelon", 21, 3_469_380, 12, true),
                up("Dragon", 22, dragon, 13, true),
                up("Waffle", 23, 4_154_640, 14, true),
                up("Tuktuk", 24, 4_461_240, 15, true),
                up("Teep", 25, teep, 16, true),
                up("Tock", 26, teep + 2880 * 90, 0, false),
                up("GoldenWeek", 27, 5_348_280, 17, true),
                up("FireHorse", 28, 6_052_800, 18, true),
                up("Xx", 29, 9_999_999_999L, 19, true));
        // drand: incentinet from genesis, mainnet from Smoke, quicknet from Phoenix (Dragon + 120); lotus
        // build/buildconstants/drand.go
        BeaconSchedule beacon = new BeaconSchedule.Drand(List.of(
                new BeaconSchedule.DrandPoint(0, 1_595_873_820L, 30),
                new BeaconSchedule.DrandPoint(51_000, 1_595_431_050L, 30),
                new BeaconSchedule.DrandPoint(dragon + 120, 1_692_803_367L, 3)));
        return new NetworkConfig(
                "mainnet",
                Optional.of(MAINNET_GENESIS),
                0,
                u,
                30,
                OptionalLong.empty(),
                beacon,
                BuildConstants.mainnet());
    }

    /** Calibration net: lotus {@code build/buildconstants/params_calibnet.go}; upgrades with negative heights are disabled. */
    public static NetworkConfig calibnet() {
        long teep = 2_523_454;
        long dragon = 1_427_974;
        List<Upgrade> u = List.of(
                up("Assembly", 4, 30, 2, true),
                up("Tape", 5, 60, 0, false),
                up("Kumquat", 6, 90, 0, false),
                up("Calico", 7, 120, 0, true),
                up("Persian", 8, 120 + 120, 0, false),
                up("Orange", 9, 300, 0, false),
                up("Trust", 10, 330, 3, true),
                up("Norwegian", 11, 360, 0, false),
                up("Turbo", 12, 390, 4, true),
                up("Hyperdrive", 13, 420, 5, true),
                up("Chocolate", 14, 450, 6, true),
                up("OhSnap", 15, 480, 7, true),
                up("Skyr", 16, 510, 8, true),
                up("Shark", 17, 16_800, 9, true),
                up("Hygge", 18, 322_354, 10, true),
                up("Lightning", 19, 489_094, 11, true),
                up("Thunder", 20, 489_094 + 3120, 0, false),
                up("Watermelon", 21, 1_013_134, 12, true),
                up("WatermelonFix", 21, 1_070_494, 12, true),
                up("WatermelonFix2", 21, 1_108_174, 12, true),
                up("Dragon", 22, dragon, 13, true),
                up("CalibrationDragonFix", 22, 1_493_854, 13, true),
                up("Waffle", 23, 1_779_094, 14, true),
                up("Tuktuk", 24, 2_078_794, 15, true),
                up("Teep", 25, teep, 16, true),
                up("Tock", 26, teep + 2880 * 7, 0, false),
                up("TockFix", 26, 2_558_014, 16, true),
                up("GoldenWeek", 27, 3_007_294, 17, true),
                up("FireHorse", 28, 3_694_534, 18, true),
                up("Xx", 29, 999_999_999_999_999L, 19, true));
        BeaconSchedule beacon = new BeaconSchedule.Drand(List.of(
                new BeaconSchedule.DrandPoint(0, 1_595_431_050L, 30),
                new BeaconSchedule.DrandPoint(dragon + 120, 1_692_803_367L, 3)));
        return new NetworkConfig(
                "calibrationnet",
                Optional.of(CALIBNET_GENESIS),
                0,
                u,
                30,
                OptionalLong.empty(),
                beacon,
                BuildConstants.calibnet());
    }

    private static Upgrade up(String name, int nv, long height, int actors, boolean migration) {
        return new Upgrade(name, nv, height, actors == 0 ? OptionalInt.empty() : OptionalInt.of(actors), migration);
    }

    /** Reads the JSON format of {@code chain/README.md}; an unreadable or inconsistent file is a {@link ChainException}. */
    public static NetworkConfig read(Path file) {
        requireNonNull(file, "file is null");
        try {
            return fromJson(JSON.readTree(file.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ChainException("network configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON format of {@code chain/README.md}; bad content is an {@link IllegalArgumentException}. */
    public static NetworkConfig fromJson(JsonNode root) {
        requireNonNull(root, "root is null");
        JsonNode schedule = root.path("upgrade_schedule");
        if (!schedule.isArray()) {
            throw new IllegalArgumentException("upgrade_schedule (a list) is missing");
        }
        List<Upgrade> enabled = new ArrayList<>();
        int genesisNv = 0;
        for (JsonNode e : schedule) {
            int nv = requiredInt(e, "network_version");
            long height = required(e, "height").asLong();
            JsonNode av = e.path("actors_version");
            OptionalInt actors = av.isIntegralNumber() ? OptionalInt.of(av.asInt()) : OptionalInt.empty();
            Upgrade u = new Upgrade(
                    e.path("name").asText(""),
                    nv,
                    height,
                    actors,
                    e.path("migration").asBoolean(false));
            // An upgrade at a negative height is in effect at genesis (Lotus drops it from the schedule).
            if (height < 0) {
                genesisNv = Math.max(genesisNv, nv);
            } else {
                enabled.add(u);
            }
        }
        enabled.sort(Comparator.comparingLong(Upgrade::height));
        if (root.has("genesis_network_version")) {
            genesisNv = requiredInt(root, "genesis_network_version");
        }
        Optional<Cid> genesis = root.hasNonNull("genesis_cid")
                ? Optional.of(Cid.parse(root.get("genesis_cid").asText()))
                : Optional.empty();
        String name = root.path("network_name").asText("");
        long blockDelay = root.path("block_delay_secs").asLong(30);
        OptionalLong genesisTs = root.hasNonNull("genesis_timestamp")
                ? OptionalLong.of(root.get("genesis_timestamp").asLong())
                : OptionalLong.empty();
        return new NetworkConfig(
                name,
                genesis,
                genesisNv,
                enabled,
                blockDelay,
                genesisTs,
                beacon(root.path("beacon")),
                buildConstants(root.path("build_constants")));
    }

    private static BeaconSchedule beacon(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return new BeaconSchedule.Mock();
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "mock":
                return new BeaconSchedule.Mock();
            case "drand":
                List<BeaconSchedule.DrandPoint> points = new ArrayList<>();
                for (JsonNode p : node.path("schedule")) {
                    points.add(new BeaconSchedule.DrandPoint(
                            required(p, "start_epoch").asLong(),
                            required(p, "genesis_time").asLong(),
                            required(p, "period").asLong()));
                }
                return new BeaconSchedule.Drand(points);
            default:
                throw new IllegalArgumentException("beacon.type must be \"mock\" or \"drand\", not \"" + type + "\"");
        }
    }

    private static BuildConstants buildConstants(JsonNode node) {
        BuildConstants d = BuildConstants.devnet();
        if (node.isMissingNode() || node.isNull()) {
            return d;
        }
        return new BuildConstants(
                node.path("ignition_height").asLong(d.ignitionHeight()),
                node.path("assembly_height").asLong(d.assemblyHeight()),
                node.path("liftoff_height").asLong(d.liftoffHeight()),
                node.path("calico_height").asLong(d.calicoHeight()),
                node.path("hyperdrive_height").asLong(d.hyperdriveHeight()),
                node.has("initial_fil_reserved")
                        ? new BigInteger(node.get("initial_fil_reserved").asText())
                        : d.initialFilReserved(),
                node.has("teep_initial_fil_reserved")
                        ? new BigInteger(node.get("teep_initial_fil_reserved").asText())
                        : d.teepInitialFilReserved());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field " + field + " is missing in " + node);
        }
        return v;
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.canConvertToInt()) {
            throw new IllegalArgumentException("field " + field + " is not an integer in " + node);
        }
        return v.asInt();
    }
}
