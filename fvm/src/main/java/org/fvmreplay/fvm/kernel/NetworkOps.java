package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The network the message runs on (ref-fvm's {@code NetworkOps}), and its circulating supply, which ref-fvm v3 keeps in a
 * {@code CircSupplyOps} of its own but which the {@code network} syscalls offer.
 */
public interface NetworkOps {
    /** Epoch, timestamp, base fee, chain id and network version in the syscall's layout. */
    byte[] networkContext();

    Cid tipsetCid(long epoch);

    BigInteger circulatingSupply();
}
