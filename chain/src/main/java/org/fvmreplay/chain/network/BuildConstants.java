package org.fvmreplay.chain.network;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * Lotus build constants that chain execution reads directly rather than through the upgrade schedule: the early
 * upgrade heights that the circulating supply and message selection compare epochs with, and the FIL reserve.
 * A devnet whose schedule starts at a recent network version had every earlier upgrade before genesis, which is how
 * Lotus's devnet builds ({@code params_interop.go}, {@code params_2k.go}) set them: {@link #devnet()} is the default
 * for networks read from a file. The shared devnets prove it: the circulating supply the reference node gave their
 * VMs is 0 at every epoch (the reserve f090 holds 480M FIL, more than the initial 300M, so the disbursed reserve is
 * negative). That holds only with the Assembly height before genesis and the reserve left at 300M FIL from Teep on;
 * with mainnet's heights, or 2k's 1.4B FIL Teep reserve, the devnets' pledge-dependent messages use other gas.
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

    /**
     * lotus {@code build/buildconstants/params_interop.go}: Ignition -2, Assembly -5, Liftoff -6, Calico -9, Hyperdrive
     * -16, reserve 300M FIL, unchanged by FIP-0100 (a {@code 2k} build has the same heights and a 1.4B FIL Teep reserve).
     */
    public static BuildConstants devnet() {
        return new BuildConstants(-2, -5, -6, -9, -16, fil(300_000_000), fil(300_000_000));
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
