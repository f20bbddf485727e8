package org.fvmreplay.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.network.Upgrade;
import org.fvmreplay.fvm.state.StateTree;
import org.junit.jupiter.api.Test;

class TipsetInputsTest {
    @Test
    void nullRoundsAndMigrationsComeBeforeTheTipset() {
        SharedChain c = SharedChain.devnetA();
        NetworkConfig network = NetworkConfig.read(c.manifestPath());
        long genesisTs = c.chain().genesis(c.head()).minTimestamp();

        Tipset at320 = c.chain().tipsetByHeight(320, c.head(), false);
        TipsetInputs inputs =
                TipsetInputs.of(c.chain(), network, at320, StateTree.load(c.store(), at320.parentStateRoot())::resolve);
        assertThat(inputs.parentEpoch()).isEqualTo(317);
        assertThat(inputs.preSteps())
                .containsExactly(
                        new TipsetInputs.NullRoundCron(318, genesisTs + 318 * 30, 28),
                        new TipsetInputs.NullRoundCron(319, genesisTs + 319 * 30, 28));
        assertThat(inputs.networkVersion()).isEqualTo(28);
        assertThat(inputs.timestamp()).isEqualTo(genesisTs + 320 * 30);
        assertThat(inputs.blocks()).hasSize(1);
        assertThat(inputs.blocks().get(0).winCount())
                .isEqualTo(at320.blocks().get(0).header().winCount());
        assertThat(inputs.externs().anchor()).isEqualTo(at320);

        Tipset at301 = c.chain().tipsetByHeight(301, c.head(), false);
        TipsetInputs upgrade =
                TipsetInputs.of(c.chain(), network, at301, StateTree.load(c.store(), at301.parentStateRoot())::resolve);
        assertThat(upgrade.preSteps())
                .containsExactly(new TipsetInputs.Migration(new Upgrade("", 28, 300, OptionalInt.of(18), true)));
        assertThat(upgrade.networkVersion()).isEqualTo(28);
        // nv26 at 100 has no migration.
        Tipset at101 = c.chain().tipsetByHeight(101, c.head(), false);
        assertThat(TipsetInputs.of(
                                c.chain(), network, at101, StateTree.load(c.store(), at101.parentStateRoot())::resolve)
                        .preSteps())
                .isEqualTo(List.of());
    }
}
