package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.ActorManifests;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.junit.jupiter.api.Test;

/** Every tipset of the shared devnet chains, replayed and checked against the chain the reference node produced. */
class DevnetReplayTest {
    /** devnet-a (network versions 25 to 28) crosses only code-only migrations (nv27, nv28), which are ported. */
    @Test
    void devnetAMatchesEveryTipset() {
        Map<Long, ReplayStatus> notMatching = replayAll(SharedChain.devnetA());
        assertThat(notMatching).isEmpty();
    }

    /**
     * devnet-c (21 to 24) crosses the nv22, nv23 and nv24 migrations, which rewrite actor state and are not ported: the
     * first tipset after each reports MIGRATION; every other tipset, including those right after, matches.
     */
    @Test
    void devnetCMatchesEveryTipsetButTheFirstAfterEachStateMigration() {
        Map<Long, ReplayStatus> notMatching = replayAll(SharedChain.devnetC());
        assertThat(notMatching)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        101L, ReplayStatus.MIGRATION, 201L, ReplayStatus.MIGRATION, 301L, ReplayStatus.MIGRATION));
    }

    private static Map<Long, ReplayStatus> replayAll(SharedChain shared) {
        NetworkConfig network = NetworkConfig.read(shared.manifestPath());
        TipsetExecutor executor = new TipsetExecutor(
                shared.chain(),
                network,
                new ChicoryEngine(EngineConfig.reference()),
                new ActorManifestMigrations(
                        ActorManifests.read(shared.manifestPath()),
                        java.util.Optional.of(new ActorBundles(SharedChain.dir(shared.name())
                                .resolve("../../actors")
                                .normalize()))));
        TipsetReplay replay = new TipsetReplay(shared.chain(), executor);
        List<Tipset> tipsets = new ArrayList<>();
        for (Tipset t = shared.head(); t.height() > 0; t = shared.chain().parent(t)) {
            tipsets.add(0, t);
        }
        Map<ReplayStatus, Integer> counts = new EnumMap<>(ReplayStatus.class);
        Map<Long, ReplayStatus> notMatching = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 1 < tipsets.size(); i++) {
            TipsetReport report = replay.replay(tipsets.get(i), tipsets.get(i + 1));
            counts.merge(report.status(), 1, Integer::sum);
            if (report.status() != ReplayStatus.MATCH) {
                notMatching.put(report.epoch(), report.status());
                problems.add(report.epoch() + " nv" + report.networkVersion() + " " + report.status() + " "
                        + report.detail());
            }
        }
        System.out.println("REPLAY " + shared.name() + " " + counts);
        problems.stream().limit(40).forEach(p -> System.out.println("  " + p));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum())
                .as("tipsets replayed")
                .isEqualTo(tipsets.size() - 1);
        return notMatching;
    }
}
