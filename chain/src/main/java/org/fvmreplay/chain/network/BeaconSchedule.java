package org.fvmreplay.chain.network;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/**
 * Which beacon round a Filecoin epoch's beacon randomness comes from (Lotus {@code MaxBeaconRoundForEpoch} of the
 * beacon in effect at the epoch). Two kinds exist: Lotus's mock beacon on test networks and drand.
 */
public sealed interface BeaconSchedule {
    /**
     * The round whose entry is the beacon randomness of {@code epoch} (epoch {@code >= 0}).
     *
     * @param genesisTimestamp the genesis block's timestamp, seconds
     * @param blockDelaySecs seconds per epoch
     */
    long maxBeaconRound(int networkVersion, long epoch, long genesisTimestamp, long blockDelaySecs);

    /** Lotus's {@code MockBeacon} (chain/beacon/mock.go): round = epoch + 100; entry data = blake2b-256(u64 BE round). */
    record Mock() implements BeaconSchedule {
        @Override
        public long maxBeaconRound(int networkVersion, long epoch, long genesisTimestamp, long blockDelaySecs) {
            return epoch + 100;
        }
    }

    /** A drand network from a start epoch: its genesis time and period in seconds. */
    record DrandPoint(long startEpoch, long genesisTime, long periodSecs) {
        public DrandPoint {
            if (periodSecs <= 0) {
                throw new IllegalArgumentException("drand period must be positive: " + periodSecs);
            }
        }
    }

    /** drand networks by start epoch (Lotus {@code DrandSchedule}; chain/beacon/drand/drand.go for the round). */
    record Drand(List<DrandPoint> points) implements BeaconSchedule {
        public Drand {
            points = requireNonNull(points, "points is null").stream()
                    .sorted(Comparator.comparingLong(DrandPoint::startEpoch))
                    .toList();
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a drand schedule needs at least one point");
            }
        }

        /** The drand network in effect at {@code epoch}: the last starting at or before it, else the first. */
        public DrandPoint pointFor(long epoch) {
            for (int i = points.size() - 1; i >= 0; i--) {
                if (epoch >= points.get(i).startEpoch()) {
                    return points.get(i);
                }
            }
            return points.get(0);
        }

        @Override
        public long maxBeaconRound(int networkVersion, long epoch, long genesisTimestamp, long blockDelaySecs) {
            DrandPoint p = pointFor(epoch);
            // Lotus computes in uint64: the timestamp of the previous epoch.
            long latestTs = epoch * blockDelaySecs + genesisTimestamp - blockDelaySecs;
            if (networkVersion <= 15) {
                return Long.divideUnsigned(latestTs - p.genesisTime(), p.periodSecs());
            }
            if (Long.compareUnsigned(latestTs, p.genesisTime()) < 0) {
                return 1;
            }
            return (latestTs - p.genesisTime()) / p.periodSecs() + 1;
        }
    }
}
