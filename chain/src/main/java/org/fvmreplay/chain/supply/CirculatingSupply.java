package org.fvmreplay.chain.supply;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * Lotus {@code api.CirculatingSupply}, all attoFIL: {@code circulating = vested + mined + reserveDisbursed − burnt −
 * locked}, floored at 0. {@link #filCirculating()} is what the VM gets as {@code circulating_supply}.
 */
public record CirculatingSupply(
        BigInteger filVested,
        BigInteger filMined,
        BigInteger filBurnt,
        BigInteger filLocked,
        BigInteger filReserveDisbursed,
        BigInteger filCirculating) {
    public CirculatingSupply {
        requireNonNull(filVested, "filVested is null");
        requireNonNull(filMined, "filMined is null");
        requireNonNull(filBurnt, "filBurnt is null");
        requireNonNull(filLocked, "filLocked is null");
        requireNonNull(filReserveDisbursed, "filReserveDisbursed is null");
        requireNonNull(filCirculating, "filCirculating is null");
    }
}
