package org.fvmreplay.fvm.machine;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.PriceLists;
import org.fvmreplay.fvm.generation.FvmV2;
import org.fvmreplay.fvm.generation.FvmV3;
import org.fvmreplay.fvm.generation.FvmV4;

/**
 * Network-wide execution parameters (the reference's {@code NetworkConfig}): network version, price list, call depth
 * and block size limits, chain id.
 */
public record NetworkConfig(int networkVersion, PriceList priceList, int maxCallDepth, int maxBlockSize, long chainId) {
    /** Mainnet chain id. */
    public static final long MAINNET_CHAIN_ID = 314;

    /** ref-fvm v3's {@code max_memory_bytes}: memory and tables of all instances on one message's call stack. */
    public static final long MAX_MEMORY_BYTES = 2L << 30;

    public NetworkConfig {
        requireNonNull(priceList, "priceList");
    }

    /**
     * What the call manager does differently by FVM generation, from the network version as filecoin-ffi chooses the
     * engine: 16–17 run FVM v2, 18–20 FVM v3, 21 and later FVM v4.
     */
    public FvmV3 generation() {
        return networkVersion >= 21 ? FvmV4.INSTANCE : networkVersion >= 18 ? FvmV3.INSTANCE : FvmV2.INSTANCE;
    }

    /** {@link #MAX_MEMORY_BYTES}; FVM v2 (before network version 18) has no call-stack limit, hence unbounded. */
    public long maxMemoryBytes() {
        return networkVersion >= 18 ? MAX_MEMORY_BYTES : Long.MAX_VALUE;
    }

    /** This configuration with {@code prices} instead of its price list (a repricing study). */
    public NetworkConfig withPriceList(PriceList prices) {
        return new NetworkConfig(networkVersion, prices, maxCallDepth, maxBlockSize, chainId);
    }

    /** The reference defaults for {@code networkVersion}: call depth 1025, 1 MiB blocks, mainnet chain id. */
    public static NetworkConfig forNetworkVersion(int networkVersion) {
        return new NetworkConfig(
                networkVersion, PriceLists.forNetworkVersion(networkVersion), 1025, 1 << 20, MAINNET_CHAIN_ID);
    }
}
