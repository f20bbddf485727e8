package org.fvmreplay.fvm.syscalls;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.fvm.callmanager.Abort;
import org.fvmreplay.fvm.engine.HostAbort;
import org.fvmreplay.fvm.engine.HostFunction;
import org.fvmreplay.fvm.engine.HostSignature;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.wasm.binary.ValueType;

/**
 * Wraps syscall bodies for any kernel generation with the reference's glue ({@code bind_syscalls}): charge the wasm gas
 * used so far and the syscall overhead, check room for the result, run, write the result little-endian at the caller's
 * return pointer, map syscall errors to error numbers and aborts to engine aborts, then hand the remaining gas back.
 */
final class SyscallBinder<K extends GasOps> {
    /** The body of a syscall: returns the result bytes (null for none). */
    @FunctionalInterface
    interface Body<K extends GasOps> {
        byte[] run(Invocation<K> inv, K k, long[] a);
    }

    private final Invocation<K> invocation;
    /** By {@code module::name}: binding a name again replaces it, which is how a generation changes an ABI. */
    private final Map<String, HostFunction> out = new LinkedHashMap<>();

    SyscallBinder(Invocation<K> invocation) {
        this.invocation = invocation;
    }

    List<HostFunction> functions() {
        return new ArrayList<>(out.values());
    }

    /** Removes the syscalls {@code names} of {@code module}: what a generation lacks of the linker it derives from. */
    void unbind(String module, String... names) {
        for (String name : names) {
            if (out.remove(module + "::" + name) == null) {
                throw new IllegalArgumentException("syscall " + module + "::" + name + " is not bound");
            }
        }
    }

    /** Binds {@code module::name} as a syscall the actor may import but this VM does not offer: calling it is fatal. */
    void bindUnsupported(String module, String name) {
        out.put(
                module + "::" + name,
                new HostFunction(module, name, HostSignature.of(List.of(), List.of(ValueType.I32)), (caller, args) -> {
                    Abort abort = Abort.fatal("syscall " + module + "::" + name + " is not implemented", null);
                    invocation.setPendingAbort(abort);
                    throw new HostAbort(abort.exitCode(), abort.getMessage());
                }));
    }

    /**
     * Binds {@code module::name}: {@code params} spells the wasm parameters ({@code I} i64, {@code i} i32); a positive
     * {@code returnSize} adds a leading i32 return pointer that receives that many bytes.
     */
    void bind(String module, String name, String params, int returnSize, Body<K> body) {
        List<ValueType> types = new ArrayList<>();
        if (returnSize > 0) {
            types.add(ValueType.I32);
        }
        for (char c : params.toCharArray()) {
            types.add(c == 'I' ? ValueType.I64 : ValueType.I32);
        }
        boolean[] unsigned32 = new boolean[types.size()];
        for (int i = 0; i < types.size(); i++) {
            unsigned32[i] = types.get(i) == ValueType.I32;
        }
        HostSignature signature = HostSignature.of(types, List.of(ValueType.I32));
        out.put(module + "::" + name, new HostFunction(module, name, signature, (caller, raw) -> {
            Invocation<K> inv = invocation;
            K k = inv.kernel();
            org.fvmreplay.fvm.trace.GasTrace trace = k.gasTracker().trace();
            try {
                inv.chargeForExec();
                long gasAtStart = k.gasTracker().used();
                try {
                    k.chargeSyscall();
                } catch (ExecutionError e) {
                    throw Invocation.asAbort(e);
                }
                long[] args = new long[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    args[i] = unsigned32[i] ? raw[i] & 0xFFFFFFFFL : raw[i];
                }
                int code;
                if (returnSize > 0 && args[0] + returnSize > caller.memorySize()) {
                    code = ErrorNumber.ILLEGAL_ARGUMENT;
                } else {
                    long[] rest = returnSize > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
                    try {
                        byte[] result = body.run(inv, k, rest);
                        if (returnSize > 0) {
                            caller.writeMemory(args[0], result);
                        }
                        code = 0;
                    } catch (ExecutionError e) {
                        if (e.kind() != ExecutionError.Kind.SYSCALL) {
                            throw Invocation.asAbort(e);
                        }
                        code = e.errorNumber();
                    }
                }
                if (trace.isEnabled()) {
                    trace.recordSyscall(module, name, k.gasTracker().used() - gasAtStart);
                }
                inv.updateGasAvailable();
                return new long[] {code};
            } catch (Abort abort) {
                inv.setPendingAbort(abort);
                throw new HostAbort(abort.exitCode(), abort.getMessage());
            } catch (RuntimeException e) {
                if (e instanceof HostAbort) {
                    throw e;
                }
                Abort abort = Abort.fatal("syscall " + module + "::" + name + " failed: " + e, e);
                inv.setPendingAbort(abort);
                throw new HostAbort(abort.exitCode(), abort.getMessage());
            }
        }));
    }

    // ---- result encodings: what a body returns is written as is at the caller's return pointer ----

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] u32(int v) {
        return le(4).putInt(v).array();
    }

    static byte[] u64(long v) {
        return le(8).putLong(v).array();
    }

    static byte[] tokenAmount(BigInteger v) {
        ByteBuffer b = le(16);
        Kernel.putTokenAmount(b, v);
        return b.array();
    }
}
