package org.fvmreplay.fvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fvmreplay.fvm.trace.GasTrace;
import org.junit.jupiter.api.Test;

/** Gas tracking, including FVM v2's negative charges (refunds such as {@code OnDeleteActor}). */
class GasTrackerTest {
    @Test
    void negativeChargeRefundsGas() {
        GasTracker tracker = new GasTracker(10_000, GasTrace.disabled());
        tracker.charge("work", 6_000);
        tracker.charge("OnDeleteActor", -4_000);
        assertThat(tracker.used()).isEqualTo(2_000);
        assertThat(tracker.available()).isEqualTo(8_000);
    }

    @Test
    void chargingPastTheLimitUsesAllGas() {
        GasTracker tracker = new GasTracker(10_000, GasTrace.disabled());
        tracker.charge("work", 6_000);
        assertThatThrownBy(() -> tracker.charge("more", 5_000))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.kind()).isEqualTo(ExecutionError.Kind.OUT_OF_GAS));
        assertThat(tracker.used()).isEqualTo(10_000);
    }

    @Test
    void overflowingChargeIsOutOfGas() {
        GasTracker tracker = new GasTracker(Long.MAX_VALUE, GasTrace.disabled());
        tracker.charge("work", Long.MAX_VALUE - 10);
        assertThatThrownBy(() -> tracker.charge("more", 100))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.kind()).isEqualTo(ExecutionError.Kind.OUT_OF_GAS));
    }
}
