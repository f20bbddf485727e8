package org.fvmreplay.fvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.junit.jupiter.api.Test;

/**
 * FVM v3's {@code emit_event} (network versions 18 to 20) takes the actor's CBOR-encoded {@code ActorEvent}. fvm_shared's
 * {@code ActorEvent} is {@code #[serde(transparent)]}, so actors send the bare list of entry tuples, and the stamped
 * event is {@code [emitter, [entry, ...]]}, as the events AMTs Lotus stores on chain show (devnet-c epoch 22).
 */
class KernelV3EventTest {
    /** The ActorEvent of the EVM log at devnet-c epoch 22: [[3, "t1", 0x55, topic], [3, "d", 0x55, data]]. */
    private static final byte[] EVM_LOG = HexFormat.of()
            .parseHex("828403627431185558208db3b20eed31d927a4f613b5c11765212e129cf726d025649650665569ea683b"
                    + "84036164185558200000000000000000000000006778922bd38a3edd68848f48ef9afa21d1d6962c");

    private static Kernel v3Kernel(V4TestMachine vm) {
        return new Kernel(
                vm.callManager,
                new BlockRegistry(),
                V4TestMachine.ORIGIN,
                V4TestMachine.ACTOR,
                2,
                BigInteger.ZERO,
                false);
    }

    @Test
    void anActorEventIsTheBareListOfEntries() {
        try (ChicoryEngine engine = new ChicoryEngine(EngineConfig.reference())) {
            V4TestMachine vm = V4TestMachine.create(18, 1000, engine);
            Kernel kernel = v3Kernel(vm);

            kernel.emitEvent(EVM_LOG);

            assertThat(vm.callManager.events()).singleElement().satisfies(e -> {
                assertThat(e.emitter()).isEqualTo(V4TestMachine.ACTOR);
                assertThat(e.encoded()).isEqualTo(EVM_LOG);
            });
        }
    }

    @Test
    void undecodableEventsAreIllegalArguments() {
        try (ChicoryEngine engine = new ChicoryEngine(EngineConfig.reference())) {
            V4TestMachine vm = V4TestMachine.create(18, 1000, engine);
            Kernel kernel = v3Kernel(vm);
            // the old [[entry]] wrapping is not an ActorEvent: its one entry would be a list of 4 entries
            byte[] wrapped = new byte[EVM_LOG.length + 1];
            wrapped[0] = (byte) 0x81;
            System.arraycopy(EVM_LOG, 0, wrapped, 1, EVM_LOG.length);
            // the whole event is decoded before it is validated: a DAG-CBOR first entry does not hide a truncated
            // second one
            byte[] badCodecThenTruncated = HexFormat.of().parseHex("828400616b187140" + "8400");
            for (byte[] bad : new byte[][] {wrapped, {(byte) 0xff}, {(byte) 0x81}, badCodecThenTruncated}) {
                assertThatThrownBy(() -> kernel.emitEvent(bad)).isInstanceOfSatisfying(ExecutionError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExecutionError.Kind.SYSCALL);
                    assertThat(e.errorNumber()).as(e.getMessage()).isEqualTo(ErrorNumber.ILLEGAL_ARGUMENT);
                });
            }
            assertThat(vm.callManager.events()).isEmpty();
            // well-formed, the same first entry is an illegal codec
            assertThatThrownBy(() -> kernel.emitEvent(HexFormat.of().parseHex("818400616b187140")))
                    .isInstanceOfSatisfying(
                            ExecutionError.class,
                            e -> assertThat(e.errorNumber()).isEqualTo(ErrorNumber.ILLEGAL_CODEC));
        }
    }
}
