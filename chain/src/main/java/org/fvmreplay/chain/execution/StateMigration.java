package org.fvmreplay.chain.execution;

import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/** A ported state migration (Lotus {@code chain/consensus/filcns/upgrades.go}): the state at an upgrade height to the new actors'. */
@FunctionalInterface
public interface StateMigration {
    /** Migrates the state tree at {@code stateRoot}, writing new blocks to {@code store}; returns the new root. */
    Cid migrate(Blockstore store, Cid stateRoot, long upgradeHeight);
}
