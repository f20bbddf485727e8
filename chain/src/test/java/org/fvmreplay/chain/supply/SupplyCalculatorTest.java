package org.fvmreplay.chain.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.network.BuildConstants;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.fvm.state.StateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SupplyCalculatorTest {
    private static final Set<Long> PRINTED = Set.of(1L, 2L, 100L, 101L, 200L, 201L, 300L, 301L, 500L, 723L);

    static Stream<SharedChain> chains() {
        return Stream.of(SharedChain.devnetA(), SharedChain.devnetC());
    }

    /**
     * The supply at every tipset of the chain over its parent state, against the block rewards in between: FilMined
     * grows by exactly the reward actor's {@code ThisEpochReward × winCount / 5} of the parent tipset. The parent state
     * is the VM's own state except after null rounds (their crons, run when executing the tipset, move
     * {@code ThisEpochReward} on) and right after a migration.
     */
    @ParameterizedTest
    @MethodSource("chains")
    void supplyAtEveryTipsetIsNonNegativeAndMinedGrowsByTheBlockReward(SharedChain c) {
        NetworkConfig network = NetworkConfig.read(c.manifestPath());
        List<Tipset> chain = new ArrayList<>();
        for (Tipset t = c.head(); ; t = c.chain().parent(t)) {
            chain.add(t);
            if (t.height() == 0) {
                break;
            }
        }
        Collections.reverse(chain);
        Tipset genesis = chain.get(0);
        BigInteger genesisPledge =
                SupplyCalculator.genesisPledge(StateTree.load(c.store(), genesis.parentStateRoot()), c.store());
        SupplyCalculator calc = new SupplyCalculator(network, genesisPledge);
        CirculatingSupply previous = null;
        Tipset previousTs = null;
        BigInteger rewardAtPrevious = null;
        int checked = 0;
        int skipped = 0;
        boolean afterNullRounds = false;
        for (Tipset ts : chain) {
            StateTree state = StateTree.load(c.store(), ts.parentStateRoot());
            CirculatingSupply s = calc.compute(ts.height(), state, c.store());
            assertThat(s.filCirculating().signum()).isGreaterThanOrEqualTo(0);
            assertThat(s.filMined().signum()).isGreaterThanOrEqualTo(0);
            assertThat(s.filCirculating())
                    .isEqualTo(s.filVested()
                            .add(s.filMined())
                            .add(s.filReserveDisbursed())
                            .subtract(s.filBurnt())
                            .subtract(s.filLocked())
                            .max(BigInteger.ZERO));
            // Devnet constants put Assembly before genesis: the reserve (f090) holds more than the initial reserve, so
            // the
            // disbursed reserve is negative and the supply floors at 0, which the gas of the devnets' pledge messages
            // (PublishStorageDeals, ProveCommitSectors3) proves is what the reference node gave its VMs.
            assertThat(s.filReserveDisbursed()).isNegative();
            assertThat(s.filCirculating()).isZero();
            if (previous != null && !afterNullRounds) {
                long winCount = previousTs.blocks().stream()
                        .mapToLong(b -> b.header().winCount())
                        .sum();
                BigInteger reward =
                        rewardAtPrevious.multiply(BigInteger.valueOf(winCount)).divide(BigInteger.valueOf(5));
                assertThat(s.filMined().subtract(previous.filMined()))
                        .as("block reward of epoch %d", previousTs.height())
                        .isEqualTo(reward);
                checked++;
            }
            if (PRINTED.contains(ts.height())) {
                System.out.printf(
                        "%s epoch %d nv%d: circulating %s = vested %s + mined %s + reserve %s - burnt %s - locked %s%n",
                        c.name(),
                        ts.height(),
                        network.networkVersion(ts.height()),
                        s.filCirculating(),
                        s.filVested(),
                        s.filMined(),
                        s.filReserveDisbursed(),
                        s.filBurnt(),
                        s.filLocked());
            }
            previous = s;
            previousTs = ts;
            afterNullRounds = ts.height() > 0 && c.chain().parent(ts).height() != ts.height() - 1;
            skipped += afterNullRounds ? 1 : 0;
            rewardAtPrevious = SupplyActorStates.rewardThisEpochReward(
                    c.store(), state.actor(2).orElseThrow());
        }
        assertThat(skipped).isEqualTo(c.manifest().get("null_rounds").asInt() == 4 ? 2 : 3);
        assertThat(checked).isEqualTo(chain.size() - 1 - skipped);
    }

    @Test
    void vestingSchedules() {
        BuildConstants mainnet = BuildConstants.mainnet();
        SupplyCalculator calc = new SupplyCalculator(NetworkConfig.mainnet(), BigInteger.valueOf(7));
        // Pre-Ignition: 600 million "FIL" held as attoFIL, plus the genesis pledge. At epoch 0 the truncated per-epoch
        // unit (specs-actors' AmountLocked) leaves each tranche's remainder vested.
        long[][] tranches = {
            {82_717_041L, 183 * 2880},
            {22_421_712L, 365 * 2880},
            {7_223_364L, 2 * 365 * 2880},
            {87_637_883L, 3 * 365 * 2880},
            {400_000_000L, 6 * 365 * 2880}
        };
        long remainders = 0;
        for (long[] t : tranches) {
            remainders += t[0] % t[1];
        }
        assertThat(calc.filVested(0)).isEqualTo(BigInteger.valueOf(remainders + 7));
        // At epoch 1 each tranche unlocks (balance / duration) truncated, times one epoch.
        long sixMonths = 183 * 2880;
        BigInteger atOne = BigInteger.valueOf(82_717_041L / sixMonths
                + 22_421_712L / (365 * 2880)
                + 7_223_364L / (2 * 365 * 2880)
                + 87_637_883L / (3 * 365 * 2880)
                + 400_000_000L / (6 * 365 * 2880));
        assertThat(calc.filVested(1)).isEqualTo(atOne.add(BigInteger.valueOf(remainders + 7)));
        // After Calico: attoFIL from Liftoff; the zero-duration tranche is vested at once, everything after six years.
        long sixYearsAfterLiftoff = mainnet.liftoffHeight() + 6 * 365 * 2880;
        assertThat(calc.filVested(sixYearsAfterLiftoff))
                .isEqualTo(BuildConstants.fil(
                        10_632_000L + 51_803_587L + 31_821_712L + 7_223_364L + 88_536_841L + 409_805_053L));
        // After Ignition the schedules start at Liftoff, so before it nothing has vested; the genesis pledge counts up
        // to Assembly and no longer after it.
        assertThat(calc.filVested(mainnet.assemblyHeight())).isEqualTo(BigInteger.valueOf(7));
        assertThat(calc.filVested(mainnet.assemblyHeight() + 1)).isZero();
    }
}
