package org.fvmreplay.chain.execution;

import java.util.Optional;
import org.fvmreplay.chain.network.Upgrade;

/** The state migrations this replay can run, by upgrade; an upgrade without one ends its tipset as a migration to report. */
@FunctionalInterface
public interface StateMigrations {
    /** The migration for {@code upgrade}, if ported. */
    Optional<StateMigration> forUpgrade(Upgrade upgrade);

    /** No migration is ported. */
    static StateMigrations none() {
        return upgrade -> Optional.empty();
    }
}
