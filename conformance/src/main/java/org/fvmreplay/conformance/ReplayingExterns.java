package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fvmreplay.fvm.externs.Externs;

/**
 * Externs answering from a vector's recorded randomness (matched by kind and epoch), with the reference conformance
 * runner's fixed fallback when nothing was recorded.
 */
public final class ReplayingExterns implements Externs {
    private static final byte[] FALLBACK = "i_am_random_____i_am_random_____".getBytes(StandardCharsets.US_ASCII);
    private final List<TestVector.Randomness> recorded;

    public ReplayingExterns(List<TestVector.Randomness> recorded) {
        this.recorded = List.copyOf(requireNonNull(recorded, "recorded"));
    }

    @Override
    public byte[] chainRandomness(long epoch) {
        return find("chain", epoch);
    }

    @Override
    public byte[] beaconRandomness(long epoch) {
        return find("beacon", epoch);
    }

    private byte[] find(String kind, long epoch) {
        for (TestVector.Randomness r : recorded) {
            if (r.kind().equalsIgnoreCase(kind) && r.epoch() == epoch && r.value().length == 32) {
                return r.value();
            }
        }
        return FALLBACK.clone();
    }
}
