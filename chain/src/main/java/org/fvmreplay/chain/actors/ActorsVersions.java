package org.fvmreplay.chain.actors;

import java.util.OptionalInt;

/**
 * The builtin-actors version each network version runs, the same on every network (Lotus's {@code VersionForNetwork}); two
 * network versions share one where an upgrade brought no new actors.
 */
public final class ActorsVersions {
    /** The newest network version this class knows. */
    public static final int NEWEST_NETWORK_VERSION = 29;

    private ActorsVersions() {}

    /**
     * The actors version of network version {@code networkVersion}; empty before network version 16, whose actors are the
     * Go specs-actors, and after 29, which this table does not know yet.
     */
    public static OptionalInt forNetworkVersion(int networkVersion) {
        return switch (networkVersion) {
            case 16 -> OptionalInt.of(8);
            case 17 -> OptionalInt.of(9);
            case 18 -> OptionalInt.of(10);
            case 19, 20 -> OptionalInt.of(11);
            case 21 -> OptionalInt.of(12);
            case 22 -> OptionalInt.of(13);
            case 23 -> OptionalInt.of(14);
            case 24 -> OptionalInt.of(15);
            case 25, 26 -> OptionalInt.of(16);
            case 27 -> OptionalInt.of(17);
            case 28 -> OptionalInt.of(18);
            case 29 -> OptionalInt.of(19);
            default -> OptionalInt.empty();
        };
    }
}
