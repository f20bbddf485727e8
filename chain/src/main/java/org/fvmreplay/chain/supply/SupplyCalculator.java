package org.fvmreplay.chain.supply;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.fvmreplay.chain.ChainException;
import org.fvmreplay.chain.network.BuildConstants;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.MutableStateTree;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.blockstore.Blockstore;

/**
 * The circulating supply the VM is given (Lotus {@code GetVMCirculatingSupplyDetailed}, chain/stmgr/supply.go) for a
 * state tree and epoch: the state before a tipset's messages (after any migration), one computation per VM.
 *
 * <p>Vesting follows Lotus, which uses mainnet's genesis multisig schedules on every network: before Ignition the
 * pre-Ignition schedule (amounts in whole FIL taken as attoFIL, start epoch 0) plus the genesis pledge, before
 * Calico the post-Ignition schedule, after it the post-Calico one (both in attoFIL from Liftoff). The genesis pledge
 * counts until Assembly; after Assembly the reserve's disbursement counts instead. A test network built without
 * network tags (the shared devnets) compares its epochs with mainnet's heights, so it stays in the pre-Ignition case.
 */
public final class SupplyCalculator {
    private static final long REWARD = 2;
    private static final long POWER = 4;
    private static final long MARKET = 5;
    private static final long RESERVE = 90;
    private static final long BURNT = 99;
    private static final long EPOCHS_IN_DAY = 2880;

    /** A genesis multisig tranche: initial balance (attoFIL, or whole FIL pre-Ignition) unlocking linearly over duration epochs. */
    private record Tranche(BigInteger initialBalance, long unlockDuration) {
        /** specs-actors v0 multisig {@code AmountLocked}, with its truncating per-epoch unit. */
        BigInteger amountLocked(long elapsed) {
            if (elapsed >= unlockDuration) {
                return BigInteger.ZERO;
            }
            if (elapsed < 0) {
                return initialBalance;
            }
            BigInteger unit = initialBalance.divide(BigInteger.valueOf(unlockDuration));
            return unit.multiply(BigInteger.valueOf(unlockDuration - elapsed));
        }

        BigInteger vested(long elapsed) {
            return initialBalance.subtract(amountLocked(elapsed));
        }
    }

    private static final long SIX_MONTHS = 183 * EPOCHS_IN_DAY;
    private static final long ONE_YEAR = 365 * EPOCHS_IN_DAY;
    private static final long TWO_YEARS = 2 * 365 * EPOCHS_IN_DAY;
    private static final long THREE_YEARS = 3 * 365 * EPOCHS_IN_DAY;
    private static final long SIX_YEARS = 6 * 365 * EPOCHS_IN_DAY;

    // Whole FIL per unlock duration (lotus setupGenesisVestingSchedule / setupPostIgnitionVesting).
    private static final List<Tranche> IGNITION_FIL = List.of(
            new Tranche(BigInteger.valueOf(49_929_341L + 32_787_700L), SIX_MONTHS),
            new Tranche(BigInteger.valueOf(22_421_712L), ONE_YEAR),
            new Tranche(BigInteger.valueOf(7_223_364L), TWO_YEARS),
            new Tranche(BigInteger.valueOf(87_637_883L), THREE_YEARS),
            new Tranche(BigInteger.valueOf(100_000_000L + 300_000_000L), SIX_YEARS));
    // Whole FIL per unlock duration (lotus setupPostCalicoVesting).
    private static final List<Tranche> CALICO_FIL = List.of(
            new Tranche(BigInteger.valueOf(10_632_000L), 0),
            new Tranche(BigInteger.valueOf(19_015_887L + 32_787_700L), SIX_MONTHS),
            new Tranche(BigInteger.valueOf(22_421_712L + 9_400_000L), ONE_YEAR),
            new Tranche(BigInteger.valueOf(7_223_364L), TWO_YEARS),
            new Tranche(BigInteger.valueOf(87_637_883L + 898_958L), THREE_YEARS),
            new Tranche(BigInteger.valueOf(100_000_000L + 300_000_000L + 9_805_053L), SIX_YEARS));

    private final NetworkConfig network;
    private final BigInteger genesisPledge;

    /**
     * @param genesisPledge the power actor's total pledge collateral in the genesis state, attoFIL (see
     *     {@link #genesisPledge(StateTree, Blockstore)})
     */
    public SupplyCalculator(NetworkConfig network, BigInteger genesisPledge) {
        this.network = requireNonNull(network, "network is null");
        this.genesisPledge = requireNonNull(genesisPledge, "genesisPledge is null");
    }

    /** The genesis pledge: power {@code TotalPledgeCollateral} in the genesis block's parent state, attoFIL. */
    public static BigInteger genesisPledge(StateTree genesisState, Blockstore store) {
        return SupplyActorStates.powerTotalPledgeCollateral(store, actor(genesisState::actor, POWER, "power"));
    }

    /** The supply at {@code epoch} over a read-only state tree whose blocks are in {@code store}. */
    public CirculatingSupply compute(long epoch, StateTree state, Blockstore store) {
        requireNonNull(state, "state is null");
        return compute(epoch, state::actor, store);
    }

    /** The supply at {@code epoch} over the executor's mutable tree (its flushed and unflushed actors alike). */
    public CirculatingSupply compute(long epoch, MutableStateTree state) {
        requireNonNull(state, "state is null");
        return compute(epoch, state::actor, state.store());
    }

    /**
     * The supply at {@code epoch} over any view of actors by ID. A missing reward, power, market (before nv23),
     * reserve or burnt-funds actor, or an actor state of an unsupported layout, is a {@link ChainException}.
     */
    public CirculatingSupply compute(long epoch, LongFunction<Optional<ActorState>> actors, Blockstore store) {
        requireNonNull(actors, "actors is null");
        requireNonNull(store, "store is null");
        int nv = network.networkVersion(epoch);
        BigInteger vested = filVested(epoch);
        BigInteger reserveDisbursed = BigInteger.ZERO;
        if (epoch > network.buildConstants().assemblyHeight()) {
            // The reserve can receive funds, so this can go negative; Lotus does not clamp it.
            reserveDisbursed = network.initialFilReserved(nv)
                    .subtract(actor(actors, RESERVE, "reserve").balance());
        }
        BigInteger mined = SupplyActorStates.rewardTotalStoragePowerReward(store, actor(actors, REWARD, "reward"));
        BigInteger burnt = actor(actors, BURNT, "burnt funds").balance();
        BigInteger locked = SupplyActorStates.powerTotalPledgeCollateral(store, actor(actors, POWER, "power"));
        if (nv < 23) {
            // FIP-0065: from nv23 the market's locked funds count as circulating.
            locked = locked.add(SupplyActorStates.marketTotalLocked(store, actor(actors, MARKET, "market")));
        }
        BigInteger circulating = vested.add(mined)
                .add(reserveDisbursed)
                .subtract(burnt)
                .subtract(locked)
                .max(BigInteger.ZERO);
        return new CirculatingSupply(vested, mined, burnt, locked, reserveDisbursed, circulating);
    }

    /** Lotus {@code GetFilVested}: genesis multisig vesting by epoch, plus the genesis pledge until Assembly. */
    public BigInteger filVested(long epoch) {
        BuildConstants c = network.buildConstants();
        BigInteger vested = BigInteger.ZERO;
        if (epoch <= c.ignitionHeight()) {
            // Lotus's pre-Ignition schedule holds whole-FIL numbers as attoFIL (it says so itself), from epoch 0.
            for (Tranche t : IGNITION_FIL) {
                vested = vested.add(t.vested(epoch));
            }
        } else {
            List<Tranche> schedule = epoch <= c.calicoHeight() ? IGNITION_FIL : CALICO_FIL;
            for (Tranche t : schedule) {
                Tranche atto = new Tranche(BuildConstants.fil(1).multiply(t.initialBalance()), t.unlockDuration());
                vested = vested.add(atto.vested(epoch - c.liftoffHeight()));
            }
        }
        if (epoch <= c.assemblyHeight()) {
            vested = vested.add(genesisPledge);
        }
        return vested;
    }

    private static ActorState actor(LongFunction<Optional<ActorState>> actors, long id, String what) {
        return actors.apply(id)
                .orElseThrow(() -> new ChainException("the state has no " + what + " actor (f0" + id + ")"));
    }
}
