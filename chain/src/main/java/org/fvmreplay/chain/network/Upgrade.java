package org.fvmreplay.chain.network;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * One network upgrade (a Lotus {@code stmgr.Upgrade}): tipsets at epochs {@code <= height} run under the previous
 * network version, later ones under {@code networkVersion}. With {@code migration}, a Go state migration runs on the
 * state after epoch {@code height}'s cron, before the first tipset above it.
 *
 * @param name Lotus's name for it (for messages; "" when unknown)
 * @param actorsVersion the builtin-actors version the migration moves to, empty when unknown or without migration
 */
public record Upgrade(String name, int networkVersion, long height, OptionalInt actorsVersion, boolean migration) {
    public Upgrade {
        requireNonNull(name, "name is null");
        requireNonNull(actorsVersion, "actorsVersion is null");
        if (networkVersion <= 0) {
            throw new IllegalArgumentException("cannot upgrade to network version " + networkVersion);
        }
    }
}
