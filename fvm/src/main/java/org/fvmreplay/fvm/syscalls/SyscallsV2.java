package org.fvmreplay.fvm.syscalls;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fvmreplay.fvm.callmanager.Abort;
import org.fvmreplay.fvm.crypto.ProofParams;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.kernel.KernelV2;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The FVM v2 syscalls (ref-fvm {@code release/v2}, network versions 16-17) bound for one invocation: v2's names and
 * signatures ({@code vm::abort}, {@code vm::context}, {@code network::base_fee}, {@code actor::new_actor_address},
 * six-argument {@code send::send}, no events, no {@code gas::available}), with the same gas glue as v3.
 */
public final class SyscallsV2 {
    private static final int SYS_ILLEGAL_EXIT_CODE = 9;
    private static final int FIRST_USER_EXIT_CODE = 16;

    private SyscallsV2() {}

    public static HostFunctions hostFunctions(Invocation<Kernel> invocation) {
        SyscallBinder<Kernel> b = new SyscallBinder<>(invocation);
        // vm
        b.bind("vm", "abort", "iii", 0, (inv, k, a) -> {
            long code = a[0];
            // v2 refuses every system exit code, success included
            if (code < FIRST_USER_EXIT_CODE) {
                throw Abort.exit(SYS_ILLEGAL_EXIT_CODE, "actor aborted with code " + code, 0);
            }
            throw Abort.exit((int) code, "actor aborted", 0);
        });
        b.bind("vm", "context", "", 52, (inv, k, a) -> v2(k).invocationContext());
        // network
        b.bind("network", "base_fee", "", 16, (inv, k, a) -> tokenAmount(v2(k).baseFee()));
        b.bind("network", "total_fil_circ_supply", "", 16, (inv, k, a) -> tokenAmount(k.circulatingSupply()));
        // ipld
        b.bind("ipld", "block_open", "i", 16, (inv, k, a) -> {
            Kernel.OpenedBlock opened = k.blockOpen(readCid(inv, a[0]));
            return le(16).putLong(opened.codec()).putInt(opened.id()).putInt(opened.size()).array();
        });
        b.bind("ipld", "block_create", "Iii", 4, (inv, k, a) -> u32(k.blockCreate(a[0], inv.read(a[1], a[2]))));
        b.bind("ipld", "block_read", "iiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[2], a[3]);
            Kernel.ReadResult read = k.blockRead((int) a[0], a[1], a[3]);
            if (read.data().length > 0) {
                inv.write(a[2], read.data());
            }
            return u32(read.remaining());
        });
        b.bind("ipld", "block_stat", "i", 12, (inv, k, a) -> {
            Kernel.BlockStat stat = k.blockStat((int) a[0]);
            return le(12).putLong(stat.codec()).putInt(stat.size()).array();
        });
        b.bind("ipld", "block_link", "iIiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[3], a[4]);
            return u32(inv.writeCid(k.blockLink((int) a[0], a[1], a[2]), a[3], a[4]));
        });
        // self
        b.bind("self", "root", "ii", 4, (inv, k, a) -> {
            inv.checkBounds(a[0], a[1]);
            return u32(inv.writeCid(k.root(), a[0], a[1]));
        });
        b.bind("self", "set_root", "i", 0, (inv, k, a) -> {
            k.setRoot(readCid(inv, a[0]));
            return null;
        });
        b.bind("self", "current_balance", "", 16, (inv, k, a) -> tokenAmount(k.currentBalance()));
        b.bind("self", "self_destruct", "ii", 0, (inv, k, a) -> {
            k.selfDestruct(inv.readAddress(a[0], a[1]));
            return null;
        });
        // actor
        b.bind("actor", "resolve_address", "ii", 8, (inv, k, a) -> u64(k.resolveAddress(inv.readAddress(a[0], a[1]))));
        b.bind("actor", "get_actor_code_cid", "Iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            return u32(inv.writeCid(k.actorCodeCid(a[0]), a[1], a[2]));
        });
        b.bind("actor", "new_actor_address", "ii", 4, (inv, k, a) -> {
            inv.checkBounds(a[0], a[1]);
            if (a[1] < 21) {
                throw ExecutionError.syscall(ErrorNumber.BUFFER_TOO_SMALL, "output buffer must have a minimum capacity of 21 bytes");
            }
            byte[] bytes = k.nextActorAddress().toBytes();
            inv.write(a[0], bytes);
            return u32(bytes.length);
        });
        b.bind("actor", "create_actor", "Ii", 0, (inv, k, a) -> {
            k.createActor(readCid(inv, a[1]), a[0], java.util.Optional.empty());
            return null;
        });
        b.bind("actor", "get_builtin_actor_type", "i", 4, (inv, k, a) -> u32(k.builtinActorType(readCid(inv, a[0]))));
        b.bind("actor", "get_code_cid_for_type", "iii", 4, (inv, k, a) -> {
            inv.checkBounds(a[1], a[2]);
            return u32(inv.writeCid(k.codeCidForType((int) a[0]), a[1], a[2]));
        });
        // crypto
        b.bind("crypto", "hash", "Iiiii", 4, (inv, k, a) -> {
            inv.checkBounds(a[3], a[4]);
            byte[] digest = k.hash(a[0], inv.read(a[1], a[2]));
            int length = (int) Math.min(digest.length, a[4]);
            inv.write(a[3], Arrays.copyOf(digest, length));
            return u32(length);
        });
        b.bind("crypto", "verify_consensus_fault", "iiiiii", 20, (inv, k, a) -> {
            k.verifyConsensusFault(inv.read(a[0], a[1]), inv.read(a[2], a[3]), inv.read(a[4], a[5]));
            // no fault: epoch 0, target 0, fault type 0
            return new byte[20];
        });
        CryptoBindings.bind(b::bind);
        // v2 still has single seal verification (v3 dropped it)
        b.bind("crypto", "verify_seal", "ii", 4, (inv, k, a) -> {
            byte[] info = inv.read(a[0], a[1]);
            CryptoBindings.proofParams(() -> ProofParams.checkSealVerifyInfo(info));
            return u32(v2(k).verifySeal() ? 0 : -1);
        });
        // rand
        b.bind("rand", "get_chain_randomness", "IIii", 32, (inv, k, a) -> k.chainRandomness(a[0], a[1], inv.read(a[2], a[3])));
        b.bind("rand", "get_beacon_randomness", "IIii", 32, (inv, k, a) -> k.beaconRandomness(a[0], a[1], inv.read(a[2], a[3])));
        // gas
        b.bind("gas", "charge", "iiI", 0, (inv, k, a) -> {
            String name = new String(inv.read(a[0], a[1]), StandardCharsets.UTF_8);
            k.chargeGas(name, GasTracker.gasToMilligas(a[2]));
            return null;
        });
        // send
        b.bind("send", "send", "iiIiII", 20, (inv, k, a) -> {
            Address recipient = inv.readAddress(a[0], a[1]);
            BigInteger value = new BigInteger(Long.toUnsignedString(a[4])).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[5])));
            Kernel.SendResult result = k.send(recipient, a[2], (int) a[3], value, java.util.OptionalLong.empty(), false);
            return le(20).putInt(result.exitCode()).putInt(result.blockId()).putLong(result.codec()).putInt(result.size()).array();
        });
        // debug
        b.bind("debug", "log", "ii", 0, (inv, k, a) -> null);
        b.bind("debug", "enabled", "", 4, (inv, k, a) -> u32(-1));
        b.bind("debug", "store_artifact", "iiii", 0, (inv, k, a) -> null);
        return HostFunctions.of(b.functions());
    }

    /** v2 reports an unparsable CID as an illegal argument (v3: illegal CID). */
    private static Cid readCid(Invocation<Kernel> inv, long offset) {
        try {
            return inv.readCid(offset);
        } catch (ExecutionError e) {
            if (e.kind() == ExecutionError.Kind.SYSCALL && e.errorNumber() == ErrorNumber.ILLEGAL_CID) {
                throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, e.getMessage());
            }
            throw e;
        }
    }

    private static KernelV2 v2(Kernel kernel) {
        return (KernelV2) kernel;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] u32(int v) {
        return le(4).putInt(v).array();
    }

    private static byte[] u64(long v) {
        return le(8).putLong(v).array();
    }

    private static byte[] tokenAmount(BigInteger v) {
        ByteBuffer b = le(16);
        Kernel.putTokenAmount(b, v);
        return b.array();
    }
}
