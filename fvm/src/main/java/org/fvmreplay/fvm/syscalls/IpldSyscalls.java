package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.le;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;

import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.IpldOps;
import org.fvmreplay.ipld.cid.Cid;

/** The {@code ipld} syscalls: opening, creating, reading, inspecting and linking blocks ({@link IpldOps}); the same ABI in every generation. */
final class IpldSyscalls {
    private IpldSyscalls() {}

    static <K extends GasOps & IpldOps> void bind(SyscallBinder<K> b) {
        b.bind("ipld", "block_open", "i", 16, (inv, k, a) -> {
            Cid cid = inv.readCid(a[0]);
            IpldOps.OpenedBlock opened = k.blockOpen(cid);
            return le(16).putLong(opened.codec())
                    .putInt(opened.id())
                    .putInt(opened.size())
                    .array();
        });
        b.bind("ipld", "block_create", "Iii", 4, (inv, k, a) -> u32(k.blockCreate(a[0], inv.read(a[1], a[2]))));
        b.bind("ipld", "block_read", "iiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[2], a[3]);
            IpldOps.ReadResult read = k.blockRead((int) a[0], a[1], a[3]);
            if (read.data().length > 0) {
                inv.write(a[2], read.data());
            }
            return u32(read.remaining());
        });
        b.bind("ipld", "block_stat", "i", 12, (inv, k, a) -> {
            IpldOps.BlockStat stat = k.blockStat((int) a[0]);
            return le(12).putLong(stat.codec()).putInt(stat.size()).array();
        });
        b.bind("ipld", "block_link", "iIiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[3], a[4]);
            Cid cid = k.blockLink((int) a[0], a[1], a[2]);
            return u32(inv.writeCid(cid, a[3], a[4]));
        });
    }
}
