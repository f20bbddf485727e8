package org.fvmreplay.chain.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.chain.receipt.Receipts;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every tipset of the shared devnets: the parent tipset's messages in execution order are the ones Lotus applied,
 * and the receipts Lotus recorded for them rebuild the child header's receipts root.
 */
class ParentMessagesTest {
    static Stream<SharedChain> chains() {
        return Stream.of(SharedChain.devnetA(), SharedChain.devnetC());
    }

    @ParameterizedTest
    @MethodSource("chains")
    void receiptsRootsAndExecutionOrderMatchLotus(SharedChain c) {
        NetworkConfig network = NetworkConfig.read(c.manifestPath());
        int roots = 0;
        int messages = 0;
        int withMessages = 0;
        for (JsonNode record : c.tipsets()) {
            JsonNode parentMessages = record.get("parent_messages");
            List<MessageReceipt> receipts = new ArrayList<>();
            List<String> expectedCids = new ArrayList<>();
            for (JsonNode m : parentMessages) {
                expectedCids.add(m.get("cid").asText());
                JsonNode events = m.get("events_root");
                receipts.add(new MessageReceipt(
                        m.get("exit_code").asLong(),
                        HexFormat.of().parseHex(m.get("return").asText()),
                        m.get("gas_used").asLong(),
                        events == null || events.isNull()
                                ? Optional.empty()
                                : Optional.of(Cid.parse(events.asText()))));
            }
            if (record.get("epoch").asLong() > 0) {
                // The genesis block's receipts root is not a receipts AMT of executed messages.
                Cid root = Receipts.root(new MemoryBlockstore(), receipts);
                assertThat(root.toString())
                        .as("receipts root of epoch %s's parent", record.get("epoch"))
                        .isEqualTo(record.get("parent_message_receipts").asText());
                // The chain's own AMT decodes to the same receipts.
                assertThat(Receipts.load(c.store(), root)).isEqualTo(receipts);
                roots++;

                Tipset parent = c.chain().tipset(keyOf(record.get("parents")));
                StateTree parentState = StateTree.load(c.store(), parent.parentStateRoot());
                List<String> actual = order(c, parent, network.keysSendersById(parent.height()), parentState);
                assertThat(actual)
                        .as("messages of epoch %d in execution order", parent.height())
                        .isEqualTo(expectedCids);
                // Keying senders by ID would not change these chains' order.
                assertThat(order(c, parent, true, parentState)).isEqualTo(expectedCids);
                messages += expectedCids.size();
                withMessages += expectedCids.isEmpty() ? 0 : 1;
            }
        }
        assertThat(roots).isEqualTo(c.tipsets().size() - 1);
        assertThat(messages).isEqualTo(c.manifest().get("messages_executed").asInt());
        System.out.printf(
                "%s: %d receipts roots rebuilt, %d messages in %d tipsets in Lotus's order%n",
                c.name(), roots, messages, withMessages);
    }

    private static List<String> order(SharedChain c, Tipset parent, boolean byId, StateTree state) {
        List<String> out = new ArrayList<>();
        for (BlockMessages bm : TipsetMessages.forTipset(c.chain(), parent, byId, state::resolve)) {
            assertThat(bm.miner()).isEqualTo(parent.blocks().get(0).header().miner());
            for (ChainMessage m : bm.messages()) {
                out.add(m.cid().toString());
            }
        }
        return out;
    }

    private static TipsetKey keyOf(JsonNode cids) {
        List<Cid> out = new ArrayList<>();
        cids.forEach(x -> out.add(Cid.parse(x.asText())));
        return new TipsetKey(out);
    }
}
