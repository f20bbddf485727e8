package org.fvmreplay.fvm.syscalls;

import static org.fvmreplay.fvm.syscalls.SyscallBinder.tokenAmount;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u32;
import static org.fvmreplay.fvm.syscalls.SyscallBinder.u64;

import java.util.Optional;
import org.fvmreplay.fvm.kernel.ActorOps;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/** The {@code actor} syscalls: other actors' addresses, code, types and balances, and creating actors ({@link ActorOps}). */
final class ActorSyscalls {
    private ActorSyscalls() {}

    /** FVM v3. */
    static <K extends GasOps & ActorOps> void bind(SyscallBinder<K> b) {
        b.bind("actor", "resolve_address", "ii", 8, (inv, k, a) -> u64(k.resolveAddress(inv.readAddress(a[0], a[1]))));
        b.bind("actor", "lookup_delegated_address", "Iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            Optional<Address> address = k.lookupDelegatedAddress(a[0]);
            if (address.isEmpty()) {
                return u32(0);
            }
            byte[] bytes = address.get().toBytes();
            if (bytes.length > a[2]) {
                throw ExecutionError.syscall(ErrorNumber.BUFFER_TOO_SMALL, "address output buffer is too small");
            }
            inv.write(a[1], bytes);
            return u32(bytes.length);
        });
        b.bind("actor", "get_actor_code_cid", "Iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            return u32(inv.writeCid(k.actorCodeCid(a[0]), a[1], a[2]));
        });
        b.bind("actor", "next_actor_address", "ii", 4, ActorSyscalls::nextActorAddress);
        b.bind("actor", "create_actor", "Iiii", 0, (inv, k, a) -> {
            Cid code = inv.readCid(a[1]);
            Optional<Address> delegated = a[3] > 0 ? Optional.of(inv.readAddress(a[2], a[3])) : Optional.empty();
            k.createActor(code, a[0], delegated);
            return null;
        });
        b.bind("actor", "get_builtin_actor_type", "i", 4, (inv, k, a) -> u32(k.builtinActorType(inv.readCid(a[0]))));
        b.bind("actor", "get_code_cid_for_type", "iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            return u32(inv.writeCid(k.codeCidForType((int) a[0]), a[1], a[2]));
        });
        b.bind("actor", "balance_of", "I", 16, (inv, k, a) -> tokenAmount(k.balanceOf(a[0])));
    }

    /**
     * FVM v2 has no delegated addresses and no balances of others, calls {@code next_actor_address}
     * {@code new_actor_address}, and creates actors from a code CID and an id alone.
     */
    static <K extends GasOps & ActorOps> void rebindV2(SyscallBinder<K> b) {
        b.unbind("actor", "lookup_delegated_address", "next_actor_address", "balance_of");
        b.bind("actor", "new_actor_address", "ii", 4, ActorSyscalls::nextActorAddress);
        b.bind("actor", "create_actor", "Ii", 0, (inv, k, a) -> {
            k.createActor(inv.readCid(a[1]), a[0], Optional.empty());
            return null;
        });
    }

    /** {@code actor::next_actor_address} (v2's {@code actor::new_actor_address}): the address into a buffer of 21 bytes or more. */
    private static <K extends GasOps & ActorOps> byte[] nextActorAddress(Invocation<K> inv, K k, long[] a) {
        inv.checkBounds(a[0], a[1]);
        if (a[1] < 21) {
            throw ExecutionError.syscall(
                    ErrorNumber.BUFFER_TOO_SMALL, "output buffer must have a minimum capacity of 21 bytes");
        }
        byte[] bytes = k.nextActorAddress().toBytes();
        inv.write(a[0], bytes);
        return u32(bytes.length);
    }
}
