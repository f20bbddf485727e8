package org.fvmreplay.fvm.kernel;

import org.fvmreplay.fvm.gas.PriceList;

/** What the syscall glue needs from any FVM generation's kernel: gas accounting, prices, the block registry. */
public interface ActorKernel {
    GasTracker gasTracker();

    PriceList priceList();

    BlockRegistry blocks();

    /** Charges the overhead every syscall pays before it runs. */
    void chargeSyscall();
}
