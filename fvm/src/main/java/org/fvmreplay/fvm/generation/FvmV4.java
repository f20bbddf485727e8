package org.fvmreplay.fvm.generation;

import java.math.BigInteger;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.BlockRegistry;
import org.fvmreplay.fvm.kernel.Kernel;
import org.fvmreplay.fvm.kernel.KernelV4;
import org.fvmreplay.fvm.syscalls.Invocation;
import org.fvmreplay.fvm.syscalls.SyscallsV4;

/**
 * FVM v4 (network versions 21 and later, ref-fvm {@code master}) as its changes to {@link FvmV3}: the v4 kernel and
 * linker, parameters registered as reachable (their links become the callee's to open), and calls and internal return
 * values charged per tracked link.
 */
public final class FvmV4 extends FvmV3 {
    /** The one instance. */
    public static final FvmV4 INSTANCE = new FvmV4();

    private FvmV4() {}

    @Override
    public Kernel newKernel(
            CallManager callManager,
            BlockRegistry blocks,
            long caller,
            long actorId,
            long method,
            BigInteger value,
            boolean readOnly) {
        return new KernelV4(callManager, blocks, caller, actorId, method, value, readOnly);
    }

    @Override
    public HostFunctions link(Invocation<Kernel> invocation) {
        return SyscallsV4.hostFunctions(invocation);
    }

    @Override
    public Optional<GasCharge> onMethodInvocation(PriceList prices, Optional<Block> params) {
        return Optional.of(prices.onMethodInvocation(
                params.map(Block::size).orElse(0),
                params.map(p -> p.links().size()).orElse(0)));
    }

    @Override
    public Optional<GasCharge> onMethodReturn(PriceList prices, int callDepth, Block returned) {
        return prices.onMethodReturn(
                callDepth, returned.size(), returned.links().size());
    }

    @Override
    public boolean popsGasLimitOnDepthError() {
        return true;
    }

    @Override
    public int registerParams(BlockRegistry registry, Block params) {
        return registry.putReachable(params);
    }
}
