package org.fvmreplay.fvm.kernel;

import org.fvmreplay.fvm.gas.PriceList;

/**
 * Gas accounting (ref-fvm v3's {@code GasOps}): what every syscall's glue needs from any kernel generation, and what the
 * {@code gas} syscalls offer.
 */
public interface GasOps {
    GasTracker gasTracker();

    PriceList priceList();

    /** Charges the overhead every syscall pays before it runs. */
    void chargeSyscall();

    /** Charges {@code milligas} under {@code name}, as an actor asks ({@code gas::charge}). */
    void chargeGas(String name, long milligas);
}
