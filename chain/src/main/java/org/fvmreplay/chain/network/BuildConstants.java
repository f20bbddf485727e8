package org.fvmreplay.chain.network;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * Lotus build constants that chain execution reads directly rather than through the upgrade schedule: the early
 * upgrade heights that the circulating supply and message selection compare epochs with, and the FIL reserve.
 * Lotus test networks (the itest kit, which produced the shared devnets) are built without network tags, so they
 * carry the mainnet values even when their schedule starts at a recent network version.
 *
 * @param initialFilReserved attoFIL
 * @param teepInitialFilReserved attoFIL; replaces {@code initialFilReserved} from network version 25 (FIP-0100)
 */
public record BuildConstants(
        long ignitionHeight,
        long assemblyHeight,
        long liftoffHeight,
        long calicoHeight,
        long hyperdriveHeight,
        BigInteger initialFilReserved,
        BigInteger teepInitialFilReserved) {
    private static final BigInteger ATTO_PER_FIL = BigInteger.TEN.pow(18);

    public BuildConstants {
        requireNonNull(initialFilReserved, "initialFilReserved is null");
        requireNonNull(teepInitialFilReserved, "teepInitialFilReserved is null");
    }

    /** lotus {@code build/buildconstants/params_mainnet.go}, {@code params_shared_vals.go}. */
    public static BuildConstants mainnet() {
        return new BuildConstants(94_000, 138_720, 148_888, 265_200, 892_800, fil(300_000_000), fil(300_000_000));
    }

    /** lotus {@code build/buildconstants/params_calibnet.go}. */
    public static BuildConstants calibnet() {
        return new BuildConstants(-3, 30, -5, 120, 420, fil(300_000_000), fil(1_200_000_000));
    }

    /** Whole FIL in attoFIL. */
    public static BigInteger fil(long whole) {
        return BigInteger.valueOf(whole).multiply(ATTO_PER_FIL);
    }
}
