package org.fvmreplay.chain.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every header of the shared devnets decodes and re-encodes to its CID, and tipsets form as Lotus formed them. */
class ChainHeadersTest {
    static Stream<SharedChain> chains() {
        return Stream.of(SharedChain.devnetA(), SharedChain.devnetC());
    }

    @ParameterizedTest
    @MethodSource("chains")
    void everyHeaderRoundTripsAndEveryTipsetKeyMatchesItsChild(SharedChain c) {
        Map<Long, JsonNode> expected = new HashMap<>();
        c.tipsets().forEach(t -> expected.put(t.get("epoch").asLong(), t));
        Tipset ts = c.head();
        int tipsets = 0;
        int headers = 0;
        while (true) {
            tipsets++;
            for (Tipset.Block b : ts.blocks()) {
                byte[] stored = c.store().get(b.cid());
                assertThat(b.header().encode())
                        .as("header %s re-encodes", b.cid())
                        .isEqualTo(stored);
                assertThat(b.header().cid()).isEqualTo(b.cid());
                assertThat(BlockHeader.decode(b.cid(), stored)).isEqualTo(b.header());
                headers++;
            }
            JsonNode record = expected.get(ts.height());
            assertThat(record).as("tipset at %d in tipsets.jsonl", ts.height()).isNotNull();
            assertThat(ts.key()).as("tipset order at %d", ts.height()).isEqualTo(SharedChain.key(record));
            assertThat(ts.parentStateRoot().toString())
                    .isEqualTo(record.get("parent_state_root").asText());
            assertThat(ts.parentBaseFee().toString())
                    .isEqualTo(record.get("parent_base_fee").asText());
            if (ts.height() == 0) {
                assertThat(ts.minTicketBlock().header().winCount()).isZero();
                break;
            }
            // The child's Parents are the parent tipset's key in tipset order, and its key CID follows from them.
            Tipset parent = c.chain().parent(ts);
            assertThat(parent.key())
                    .isEqualTo(new TipsetKey(ts.blocks().get(0).header().parents()));
            assertThat(parent.key().cid())
                    .isEqualTo(
                            keyCidByHand(ts.blocks().get(0).header().parents().toArray(Cid[]::new)));
            assertThat(parent.height()).isEqualTo(record.get("parent_epoch").asLong());
            ts = parent;
        }
        assertThat(tipsets)
                .isEqualTo(c.manifest().get("tipsets").asInt())
                .isEqualTo(c.tipsets().size());
        assertThat(headers).isEqualTo(tipsets);
    }

    /** CBOR byte string head (major 2) over the concatenated CID bytes, hashed as DAG-CBOR. */
    static Cid keyCidByHand(Cid... cids) {
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        for (Cid cid : cids) {
            content.writeBytes(cid.toBytes());
        }
        int n = content.size();
        java.io.ByteArrayOutputStream cbor = new java.io.ByteArrayOutputStream();
        if (n < 24) {
            cbor.write(0x40 | n);
        } else if (n < 256) {
            cbor.write(0x58);
            cbor.write(n);
        } else {
            cbor.write(0x59);
            cbor.write(n >> 8);
            cbor.write(n & 0xff);
        }
        cbor.writeBytes(content.toByteArray());
        return Cid.forDagCbor(cbor.toByteArray());
    }
}
