package org.fvmreplay.chain.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;

class MessageReceiptTest {
    @Test
    void encodesTheVersionOneTuple() {
        Cid events = Cid.forDagCbor(new byte[] {(byte) 0x80});
        MessageReceipt r = new MessageReceipt(-1, new byte[] {1, 2}, 1234, Optional.of(events));
        assertThat(MessageReceipt.decode(r.encode())).isEqualTo(r);
        // [-1, h'0102', 1234, 42(cid)]
        assertThat(HexFormat.of().formatHex(r.encode())).startsWith("84204201021904d2d82a");
        MessageReceipt noEvents = new MessageReceipt(0, new byte[0], 0, Optional.empty());
        assertThat(HexFormat.of().formatHex(noEvents.encode())).isEqualTo("84004000f6");
    }

    @Test
    void rootIsALegacyAmtOfBitWidthThree() {
        MemoryBlockstore store = new MemoryBlockstore();
        List<MessageReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            receipts.add(new MessageReceipt(i % 3, new byte[] {(byte) i}, 1000 + i, Optional.empty()));
        }
        Cid root = Receipts.root(store, receipts);
        // go-amt-ipld v2 root: [height, count, node]; 70 entries at width 8 need height 2.
        List<IpldValue> fields = ((IpldValue.ListValue) DagCbor.decode(store.get(root))).values();
        assertThat(fields).hasSize(3);
        assertThat(((IpldValue.Int) fields.get(0)).value().intValue()).isEqualTo(2);
        assertThat(((IpldValue.Int) fields.get(1)).value().intValue()).isEqualTo(70);
        assertThat(Amt.load(root, store, AmtFormat.V0).count()).isEqualTo(70);
        assertThat(Receipts.load(store, root)).isEqualTo(receipts);
    }
}
