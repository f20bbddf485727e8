package org.fvmreplay.chain.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Frc42Test {
    @Test
    void knownNumbers() {
        // go-state-types' own test of its FRC-0042 hasher
        assertThat(Frc42.methodNumber("Receive")).isEqualTo(3726118371L);
        // the EVM actor's InvokeContract (exported as InvokeEVM), as the shared chains' receipts number it
        assertThat(Frc42.methodNumber("InvokeEVM")).isEqualTo(3844450837L);
        assertThat(Frc42.methodNumber("AuthenticateMessage")).isEqualTo(2643134072L);
    }

    @Test
    void constructorIsOne() {
        assertThat(Frc42.methodNumber("Constructor")).isEqualTo(1);
    }

    @Test
    void skipsWordsBelowTwoToThe24() {
        // blake2b-512("1|Method51") starts with the word 3925718 (< 2^24), then 286394602 (computed with Python's
        // hashlib)
        assertThat(Frc42.methodNumber("Method51")).isEqualTo(286394602L);
    }

    @Test
    void rejectsNamesOutsideTheConvention() {
        assertThatThrownBy(() -> Frc42.methodNumber("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frc42.methodNumber("invokeEVM")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frc42.methodNumber("_Private")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frc42.methodNumber("Invalid|Method")).isInstanceOf(IllegalArgumentException.class);
    }
}
