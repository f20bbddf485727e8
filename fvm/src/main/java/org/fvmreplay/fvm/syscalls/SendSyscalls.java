package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.le;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.SendOps;
import org.fvmreplay.ipld.address.Address;

/** The {@code send} syscall: calling another actor ({@link SendOps}). */
final class SendSyscalls {
    private SendSyscalls() {}

    /** FVM v3: with a gas limit and flags (read-only). */
    static <K extends GasOps & SendOps> void bind(SyscallBinder<K> b) {
        b.bind("send", "send", "iiIiIIII", 20, (inv, k, a) -> {
            Address recipient = inv.readAddress(a[0], a[1]);
            BigInteger value = new BigInteger(Long.toUnsignedString(a[4]))
                    .shiftLeft(64)
                    .or(new BigInteger(Long.toUnsignedString(a[5])));
            OptionalLong gasLimit = a[6] != -1L
                    ? OptionalLong.of(org.fvmreplay.fvm.kernel.GasTracker.gasToMilligas(a[6]))
                    : OptionalLong.empty();
            long flags = a[7];
            if ((flags & ~1L) != 0) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "invalid send flags: " + flags);
            }
            SendOps.SendResult result = k.send(recipient, a[2], (int) a[3], value, gasLimit, (flags & 1) != 0);
            return le(20).putInt(result.exitCode())
                    .putInt(result.blockId())
                    .putLong(result.codec())
                    .putInt(result.size())
                    .array();
        });
    }

    /** FVM v2's six-argument {@code send}. */
    static <K extends GasOps & SendOps> void rebindV2(SyscallBinder<K> b) {
        // no gas limit and no flags: v2 sends are never read-only
        b.bind("send", "send", "iiIiII", 20, (inv, k, a) -> {
            Address recipient = inv.readAddress(a[0], a[1]);
            BigInteger value = new BigInteger(Long.toUnsignedString(a[4]))
                    .shiftLeft(64)
                    .or(new BigInteger(Long.toUnsignedString(a[5])));
            SendOps.SendResult result = k.send(recipient, a[2], (int) a[3], value, OptionalLong.empty(), false);
            return le(20).putInt(result.exitCode())
                    .putInt(result.blockId())
                    .putLong(result.codec())
                    .putInt(result.size())
                    .array();
        });
    }
}
