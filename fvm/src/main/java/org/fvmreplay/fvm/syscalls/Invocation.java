package org.fvmreplay.fvm.syscalls;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.fvm.callmanager.Abort;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.gas.FvmGeneration;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasOps;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One running actor instance and its kernel (the reference's {@code InvocationData}): keeps the wasm gas counter and the
 * gas tracker in step around every syscall and turns aborts into something the engine can carry. FVM v2 meters memory
 * in the instrumented code, so under a v2 price list memory is neither charged at instantiation nor split out of
 * {@code wasm_exec}, and a CID that does not parse is an illegal argument (see {@link #readCid}).
 */
public final class Invocation<K extends GasOps> {
    private static final int MAX_CID_DIGEST = 64;

    private final K kernel;
    private final boolean metersMemory;
    private WasmInstance instance;
    private long lastGasAvailable;
    private long lastMemoryBytes;
    private Abort pendingAbort;

    public Invocation(K kernel) {
        this.kernel = requireNonNull(kernel, "kernel");
        this.metersMemory = kernel.priceList().generation() != FvmGeneration.V2;
    }

    public K kernel() {
        return kernel;
    }

    public void attach(WasmInstance instance) {
        this.instance = requireNonNull(instance, "instance");
    }

    public WasmInstance instance() {
        return instance;
    }

    /** Charges for the instance's initial memory ({@code wasm_memory_init}). */
    public void chargeForInit() {
        long bytes = instance.memorySize();
        lastMemoryBytes = bytes;
        if (!metersMemory) {
            return;
        }
        try {
            kernel.gasTracker().charge("wasm_memory_init", kernel.priceList().initMemoryGas(bytes));
        } catch (ExecutionError e) {
            throw asAbort(e);
        }
    }

    /** Sets the wasm gas counter from the tracker (the reference's {@code update_gas_available}). */
    public void updateGasAvailable() {
        long available = kernel.gasTracker().available();
        instance.setGasCounter(available);
        lastGasAvailable = available;
        lastMemoryBytes = instance.memorySize();
    }

    /** Charges the gas wasm code used since the last update, splitting out memory growth (the reference's {@code charge_for_exec}). */
    public void chargeForExec() {
        long counter = instance.gasCounter();
        long exec = lastGasAvailable - counter;
        if (exec < 0) {
            exec = 0;
        }
        long memoryBytes = instance.memorySize();
        long delta = Math.max(0, memoryBytes - lastMemoryBytes);
        long memoryGas = metersMemory ? kernel.priceList().growMemoryGas(delta) : 0;
        if (memoryGas <= exec) {
            exec -= memoryGas;
        } else {
            memoryGas = exec;
            exec = 0;
        }
        try {
            kernel.gasTracker().charge("wasm_exec", exec);
            if (memoryGas != 0) {
                kernel.gasTracker().charge("wasm_memory_grow", memoryGas);
            }
        } catch (ExecutionError e) {
            throw asAbort(e);
        }
    }

    static Abort asAbort(ExecutionError e) {
        return switch (e.kind()) {
            case OUT_OF_GAS -> Abort.outOfGas();
            case FATAL -> Abort.fatal(e.getMessage(), e);
            case SYSCALL -> Abort.fatal("unexpected syscall error " + e.errorNumber() + ": " + e.getMessage(), e);
        };
    }

    void setPendingAbort(Abort abort) {
        this.pendingAbort = abort;
    }

    public Abort takePendingAbort() {
        Abort abort = pendingAbort;
        pendingAbort = null;
        return abort;
    }

    // ---- memory access with the reference's error numbers ----

    public void checkBounds(long offset, long length) {
        if (offset + length > instance.memorySize()) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT, "buffer " + offset + "+" + length + " out of bounds");
        }
    }

    public byte[] read(long offset, long length) {
        checkBounds(offset, length);
        return instance.readMemory(offset, (int) length);
    }

    public void write(long offset, byte[] data) {
        checkBounds(offset, data.length);
        instance.writeMemory(offset, data);
    }

    /**
     * Reads a CID from actor memory; a CID that does not parse (including a digest over 64 bytes, which the reference's
     * CID type cannot hold) is {@code IllegalArgument}, as ref-fvm's {@code read_cid} answers in every generation.
     */
    public Cid readCid(long offset) {
        long size = instance.memorySize();
        if (offset >= size) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "cid offset out of bounds");
        }
        byte[] bytes = instance.readMemory(offset, (int) Math.min(size - offset, 128));
        Cid cid;
        try {
            cid = Cid.read(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "failed to parse CID: " + e.getMessage());
        }
        // the reference's CID type holds digests of at most 64 bytes; a longer identity digest does not parse there
        if (cid.multihash().digestLength() > MAX_CID_DIGEST) {
            throw ExecutionError.syscall(
                    ErrorNumber.ILLEGAL_ARGUMENT,
                    "failed to parse CID: digest of " + cid.multihash().digestLength() + " bytes exceeds "
                            + MAX_CID_DIGEST);
        }
        return cid;
    }

    /** Writes {@code cid} into a buffer of {@code length} bytes; returns its length. */
    public int writeCid(Cid cid, long offset, long length) {
        byte[] bytes = cid.toBytes();
        if (bytes.length > length) {
            throw ExecutionError.syscall(ErrorNumber.BUFFER_TOO_SMALL, "CID output buffer too small");
        }
        write(offset, bytes);
        return bytes.length;
    }

    public Address readAddress(long offset, long length) {
        byte[] bytes = read(offset, length);
        try {
            return Address.fromBytes(bytes);
        } catch (RuntimeException e) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_ARGUMENT, "failed to parse address: " + e.getMessage());
        }
    }

    // gas tracker shortcut for syscalls
    GasTracker gas() {
        return kernel.gasTracker();
    }
}
