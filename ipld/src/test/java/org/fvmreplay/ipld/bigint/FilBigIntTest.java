package org.fvmreplay.ipld.bigint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FilBigIntTest {
    @Test
    void encodesSignAndMinimalMagnitude() {
        assertThat(FilBigInt.encode(BigInteger.ZERO)).isEmpty();
        assertThat(FilBigInt.encode(BigInteger.valueOf(255))).containsExactly(0x00, 0xFF);
        assertThat(FilBigInt.encode(BigInteger.valueOf(-256))).containsExactly(0x01, 0x01, 0x00);
        BigInteger fil = new BigInteger("2000000000000000000000000000");
        assertThat(FilBigInt.decode(FilBigInt.encode(fil))).isEqualTo(fil);
        assertThat(FilBigInt.decode(FilBigInt.encode(fil.negate()))).isEqualTo(fil.negate());
    }

    @Test
    void decodesLikeTheReference() {
        // leading zeros are tolerated (ref-fvm uses from_bytes_be), but flagged as non-canonical
        assertThat(FilBigInt.decode(new byte[] {0, 0, 5})).isEqualTo(BigInteger.valueOf(5));
        assertThat(FilBigInt.isCanonical(new byte[] {0, 0, 5})).isFalse();
        assertThat(FilBigInt.isCanonical(new byte[] {0, 5})).isTrue();
        assertThat(FilBigInt.decode(new byte[] {1})).isZero();
        assertThatThrownBy(() -> FilBigInt.decode(new byte[] {2, 1})).hasMessageContaining("sign byte");
        assertThatThrownBy(() -> FilBigInt.decode(new byte[129])).hasMessageContaining("exceeds 128");
        assertThatThrownBy(() -> FilBigInt.encode(BigInteger.ONE.shiftLeft(128 * 8)))
                .hasMessageContaining("over 128");
    }
}
