package org.fvmreplay.fvm.syscalls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.EventOps;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.KernelV4;

/** The {@code event} syscalls: actor events ({@link EventOps}). */
final class EventSyscalls {
    /** {@code fvm_shared::sys::EventEntry}: flags u64, codec u64, key_len u32, val_len u32, packed. */
    private static final int EVENT_ENTRY_SIZE = 24;

    private EventSyscalls() {}

    /** FVM v3: the event as DAG-CBOR. */
    static <K extends GasOps & EventOps> void bind(SyscallBinder<K> b) {
        b.bind("event", "emit_event", "ii", 0, (inv, k, a) -> {
            k.emitEvent(inv.read(a[0], a[1]));
            return null;
        });
    }

    /** FVM v2 has no events (v3 added them). */
    static void rebindV2(SyscallBinder<?> b) {
        b.unbind("event", "emit_event");
    }

    /** FVM v4 emits from entry headers, keys and values (FIP-0072). */
    static void rebindV4(SyscallBinder<KernelV4> b) {
        b.bind("event", "emit_event", "iiiiii", 0, (inv, k, a) -> {
            long count = a[1];
            if (count * EVENT_ENTRY_SIZE > Integer.MAX_VALUE) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "too many event entries");
            }
            ByteBuffer raw =
                    ByteBuffer.wrap(inv.read(a[0], count * EVENT_ENTRY_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            List<KernelV4.EventEntryHeader> headers = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                long flags = raw.getLong();
                long codec = raw.getLong();
                long keyLength = Integer.toUnsignedLong(raw.getInt());
                long valueLength = Integer.toUnsignedLong(raw.getInt());
                headers.add(new KernelV4.EventEntryHeader(flags, codec, keyLength, valueLength));
            }
            byte[] keys = inv.read(a[2], a[3]);
            byte[] values = inv.read(a[4], a[5]);
            k.emitEvent(headers, keys, values);
            return null;
        });
    }
}
