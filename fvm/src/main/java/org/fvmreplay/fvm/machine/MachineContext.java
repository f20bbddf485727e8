package org.fvmreplay.fvm.machine;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import org.fvmreplay.ipld.cid.Cid;

/** What one tipset's messages execute against: network config, epoch, timestamp, base fee, circulating supply, state root. */
public record MachineContext(
        NetworkConfig network,
        long epoch,
        long timestamp,
        BigInteger baseFee,
        BigInteger circulatingSupply,
        Cid initialStateRoot) {
    public MachineContext {
        requireNonNull(network, "network");
        requireNonNull(baseFee, "baseFee");
        requireNonNull(circulatingSupply, "circulatingSupply");
        requireNonNull(initialStateRoot, "initialStateRoot");
    }
}
