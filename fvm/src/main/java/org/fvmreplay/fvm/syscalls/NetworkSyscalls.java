package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.tokenAmount;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;

import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.fvm.kernel.NetworkOps;

/** The {@code network} syscalls: circulating supply, network context, tipset CIDs ({@link NetworkOps}). */
final class NetworkSyscalls {
    private NetworkSyscalls() {}

    /** FVM v3. */
    static <K extends GasOps & NetworkOps> void bind(SyscallBinder<K> b) {
        b.bind("network", "total_fil_circ_supply", "", 16, (inv, k, a) -> tokenAmount(k.circulatingSupply()));
        b.bind("network", "context", "", 44, (inv, k, a) -> k.networkContext());
        b.bind("network", "tipset_cid", "Iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            return u32(inv.writeCid(k.tipsetCid(a[0]), a[1], a[2]));
        });
    }

    /** FVM v2 has no network context and no tipset CIDs, but {@code base_fee} (v3 moved it into the context). */
    static void rebindV2(SyscallBinder<KernelV2> b) {
        b.unbind("network", "context", "tipset_cid");
        b.bind("network", "base_fee", "", 16, (inv, k, a) -> tokenAmount(k.baseFee()));
    }
}
