package org.fvmreplay.fvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;

/** FIP-0071 reachability as ref-fvm's {@code kernel/blocks.rs} tracks it. */
class BlockRegistryTest {
    private static final Cid A =
            Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, "a".getBytes(StandardCharsets.UTF_8));
    private static final Cid B =
            Cid.compute(Multicodec.DAG_CBOR, MultihashCode.BLAKE2B_256, "b".getBytes(StandardCharsets.UTF_8));

    private static Block linking(Cid... links) {
        return new Block(Block.DAG_CBOR, new byte[] {(byte) 0x80}, List.of(links));
    }

    @Test
    void putCheckReachableWithAnUnreachableLinkIsNotFoundAndAddsNothing() {
        BlockRegistry registry = new BlockRegistry();
        registry.markReachable(A);
        assertThatThrownBy(() -> registry.putCheckReachable(linking(A, B)))
                .isInstanceOfSatisfying(ExecutionError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExecutionError.Kind.SYSCALL);
                    assertThat(e.errorNumber()).isEqualTo(ErrorNumber.NOT_FOUND);
                });
        // no handle was used up
        assertThat(registry.putCheckReachable(linking(A))).isEqualTo(1);
        assertThatThrownBy(() -> registry.get(2))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.errorNumber()).isEqualTo(ErrorNumber.INVALID_HANDLE));
    }

    @Test
    void putCheckReachableDoesNotMakeItsLinksReachable() {
        BlockRegistry registry = new BlockRegistry();
        registry.markReachable(A);
        registry.putCheckReachable(linking(A));
        assertThat(registry.isReachable(B)).isFalse();
    }

    @Test
    void putReachableMarksItsLinksReachable() {
        BlockRegistry registry = new BlockRegistry();
        assertThat(registry.isReachable(A)).isFalse();
        assertThat(registry.isReachable(B)).isFalse();

        int id = registry.putReachable(linking(A, B));

        assertThat(id).isEqualTo(1);
        assertThat(registry.isReachable(A)).isTrue();
        assertThat(registry.isReachable(B)).isTrue();
        // so a new block may now link to them
        assertThat(registry.putCheckReachable(linking(B, A))).isEqualTo(2);
        assertThat(registry.get(2).links()).containsExactly(B, A);
    }

    @Test
    void identityCidsAreNotImplicitlyReachable() {
        BlockRegistry registry = new BlockRegistry();
        Cid inline = Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, new byte[] {1, 2, 3}));
        assertThat(registry.isReachable(inline)).isFalse();
        assertThatThrownBy(() -> registry.putCheckReachable(linking(inline)))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.errorNumber()).isEqualTo(ErrorNumber.NOT_FOUND));
        registry.markReachable(inline);
        assertThat(registry.isReachable(inline)).isTrue();
    }

    @Test
    void handlesStartAtOneAndZeroIsInvalid() {
        BlockRegistry registry = new BlockRegistry();
        assertThat(registry.put(new Block(Block.RAW, new byte[] {7}))).isEqualTo(1);
        assertThat(registry.get(1).data()).containsExactly(7);
        assertThatThrownBy(() -> registry.get(BlockRegistry.NO_DATA_BLOCK_ID))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.errorNumber()).isEqualTo(ErrorNumber.INVALID_HANDLE));
    }
}
