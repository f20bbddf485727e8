package org.fvmreplay.analytics.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    @Test
    void writesSixteenByteTwosComplement() {
        assertThat(hex(BigInteger.ZERO)).isEqualTo("00000000000000000000000000000000");
        assertThat(hex(BigInteger.ONE)).isEqualTo("00000000000000000000000000000001");
        assertThat(hex(BigInteger.ONE.negate())).isEqualTo("ffffffffffffffffffffffffffffffff");
        assertThat(hex(BigInteger.ONE.shiftLeft(63))).isEqualTo("00000000000000008000000000000000");
        assertThat(hex(BigInteger.ONE.shiftLeft(64).negate())).isEqualTo("ffffffffffffffff0000000000000000");
        assertThat(hex(Decimals.MAX)).isEqualTo("4b3b4ca85a86c47a098a223fffffffff");
        assertThat(new BigInteger(Decimals.toFixed16(Decimals.MAX.negate()))).isEqualTo(Decimals.MAX.negate());
    }

    @Test
    void rejectsMoreThanThirtyEightDigits() {
        assertThatThrownBy(() -> Decimals.toFixed16(Decimals.MAX.add(BigInteger.ONE)))
                .hasMessageContaining("more than 38 digits");
        assertThatThrownBy(() ->
                        Decimals.toFixed16(Decimals.MAX.add(BigInteger.ONE).negate()))
                .hasMessageContaining("more than 38 digits");
    }

    private static String hex(BigInteger value) {
        return HexFormat.of().formatHex(Decimals.toFixed16(value));
    }
}
