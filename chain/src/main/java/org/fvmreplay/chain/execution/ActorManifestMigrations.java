package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fvmreplay.chain.network.Upgrade;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The ported migrations: the code-only ones (network versions 27, 28 and 29, to actors v17, v18 and v19), given the
 * manifest of each actors version the network uses. The migrations of network versions 21 to 25 also rewrite actor
 * state (miner, market, power, f090, EVM) and are not ported.
 */
public final class ActorManifestMigrations implements StateMigrations {
    /** Network versions whose migration only swaps code CIDs (go-state-types v17/v18/v19 {@code MigrateStateTree}). */
    public static final Set<Integer> CODE_ONLY = Set.of(27, 28, 29);

    private final Map<Integer, Cid> manifestByActorsVersion;
    private final Optional<ActorBundles> bundles;

    /**
     * {@code manifestByActorsVersion}: actors version → manifest root CID of the network's bundle; {@code bundles}: where
     * to find a bundle the store lacks (a chain export holds the state, not the next bundle).
     */
    public ActorManifestMigrations(Map<Integer, Cid> manifestByActorsVersion, Optional<ActorBundles> bundles) {
        this.manifestByActorsVersion =
                Map.copyOf(requireNonNull(manifestByActorsVersion, "manifestByActorsVersion is null"));
        this.bundles = requireNonNull(bundles, "bundles is null");
    }

    @Override
    public Optional<StateMigration> forUpgrade(Upgrade upgrade) {
        if (!CODE_ONLY.contains(upgrade.networkVersion())
                || upgrade.actorsVersion().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                        manifestByActorsVersion.get(upgrade.actorsVersion().getAsInt()))
                .map(manifest -> new CodeMigration(manifest, bundles));
    }
}
