package org.fvmreplay.fvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The call-stack budget, with the cases of ref-fvm's {@code machine/limiter.rs} and {@code engine/mod.rs} tests. */
class MemoryLimiterTest {
    @Test
    void refusesGrowthBeyondTheTotal() {
        MemoryLimiter limiter = MemoryLimiter.withTotalLimit(4);
        assertThat(limiter.tryReserve(3)).isTrue();
        assertThat(limiter.tryReserve(1)).isTrue(); // exactly at the limit
        assertThat(limiter.tryReserve(1)).isFalse();
        assertThat(limiter.memoryUsed()).isEqualTo(4);
    }

    @Test
    void framesRestoreTheTallyOfTheCaller() {
        MemoryLimiter limiter = MemoryLimiter.withTotalLimit(6);
        assertThat(limiter.tryReserve(1)).isTrue();
        long outer = limiter.enterFrame();
        assertThat(limiter.tryReserve(3)).isTrue();
        long inner = limiter.enterFrame();
        assertThat(limiter.tryReserve(3)).isFalse(); // 1 + 3 + 3 > 6
        assertThat(limiter.tryReserve(2)).isTrue();
        assertThat(limiter.memoryUsed()).isEqualTo(1 + 3 + 2);
        limiter.exitFrame(inner);
        assertThat(limiter.memoryUsed()).isEqualTo(4);
        limiter.exitFrame(outer);
        assertThat(limiter.memoryUsed()).isEqualTo(1);
    }

    @Test
    void tableElementsCostEightBytes() {
        MemoryLimiter limiter = MemoryLimiter.withTotalLimit(10);
        assertThat(limiter.growInstanceTable(0, 1)).isTrue();
        assertThat(limiter.tryReserve(2)).isTrue();
        assertThat(limiter.tryReserve(1)).isFalse();

        MemoryLimiter tally = MemoryLimiter.unlimited();
        assertThat(tally.growInstanceTable(0, 3)).isTrue();
        assertThat(tally.memoryUsed()).isEqualTo(3 * 8);
        assertThat(tally.growInstanceTable(2, 4)).isTrue();
        assertThat(tally.memoryUsed()).isEqualTo(5 * 8);
    }

    @Test
    void instanceMemoryGrowthCountsTheDifference() {
        MemoryLimiter limiter = MemoryLimiter.unlimited();
        assertThat(limiter.growInstanceMemory(0, 3)).isTrue();
        assertThat(limiter.growInstanceMemory(2, 4)).isTrue();
        assertThat(limiter.growInstanceMemory(4, 4)).isTrue();
        assertThat(limiter.memoryUsed()).isEqualTo(5);
    }

    @Test
    void hugeRequestsSaturateInsteadOfOverflowing() {
        MemoryLimiter limiter = MemoryLimiter.withTotalLimit(Long.MAX_VALUE - 1);
        assertThat(limiter.tryReserve(10)).isTrue();
        assertThat(limiter.tryReserve(Long.MAX_VALUE)).isFalse();
        assertThat(limiter.growInstanceTable(0, Long.MAX_VALUE / 2)).isFalse();
        assertThat(limiter.memoryUsed()).isEqualTo(10);
        assertThatThrownBy(() -> limiter.tryReserve(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
