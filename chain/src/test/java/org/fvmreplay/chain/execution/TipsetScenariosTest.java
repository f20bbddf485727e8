package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.executor.ApplyRet;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtEntry;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tipsets of the shared devnets that exercise one part of execution each: null rounds before a tipset, messages that
 * fail, and FEVM events. Each is replayed against the chain and its execution outcome inspected.
 */
class TipsetScenariosTest {
    private static Replays.Overlaid replayer(String name) {
        return Replays.overlaid(name.equals("devnet-a") ? SharedChain.devnetA() : SharedChain.devnetC());
    }

    /** Replays the tipset at {@code epoch}: it must match the chain; returns its execution outcome. */
    private static TipsetOutcome.Executed replayMatching(Replays.Overlaid r, long epoch) {
        Tipset tipset = Replays.at(r.shared(), epoch);
        TipsetReport report = r.replay().replay(tipset, Replays.child(r.shared(), tipset));
        assertThat(report.status()).as("epoch %s: %s", epoch, report.detail()).isEqualTo(ReplayStatus.MATCH);
        TipsetOutcome outcome = r.executor().execute(tipset);
        assertThat(outcome).isInstanceOf(TipsetOutcome.Executed.class);
        return (TipsetOutcome.Executed) outcome;
    }

    /** The receipts Lotus recorded for the tipset at {@code epoch}: in its child's record. */
    private static JsonNode recordedMessages(Replays.Overlaid r, long epoch) {
        Tipset child = Replays.child(r.shared(), Replays.at(r.shared(), epoch));
        JsonNode record = Replays.record(r.shared(), child.height());
        assertThat(record.get("parent_epoch").asLong()).isEqualTo(epoch);
        return record.get("parent_messages");
    }

    // devnet-a: null rounds 318-319 and 522-523; devnet-c: 361-362, 483-484, 693-694 (gaps in tipsets.jsonl)
    @ParameterizedTest(name = "{0} epoch {1} after null rounds {2}..{3}")
    @CsvSource({
        "devnet-a, 320, 318, 319",
        "devnet-a, 524, 522, 523",
        "devnet-c, 363, 361, 362",
        "devnet-c, 485, 483, 484",
        "devnet-c, 695, 693, 694"
    })
    void tipsetAfterNullRoundsRunsACronPerNullEpoch(String chain, long epoch, long firstNull, long lastNull) {
        Replays.Overlaid r = replayer(chain);
        Tipset tipset = Replays.at(r.shared(), epoch);
        assertThat(r.shared().chain().parent(tipset).height())
                .as("parent of %s", epoch)
                .isEqualTo(firstNull - 1);
        assertThat(Replays.record(r.shared(), epoch).get("parent_epoch").asLong())
                .isEqualTo(firstNull - 1);

        TipsetOutcome.Executed executed = replayMatching(r, epoch);

        List<String> expected = new ArrayList<>();
        for (long e = firstNull; e <= lastNull; e++) {
            expected.add("cron@" + e);
        }
        expected.add("reward@" + epoch);
        expected.add("cron@" + epoch);
        assertThat(executed.implicit())
                .extracting(i -> i.kind() + "@" + i.epoch())
                .containsExactlyElementsOf(expected);
        assertThat(executed.implicit())
                .allSatisfy(i -> assertThat(i.result().exitCode()).isZero());
        assertThat(executed.messages()).hasSize(recordedMessages(r, epoch).size());
    }

    // devnet-a, nv28: 317 has an EVM call that runs out of gas (exit 7, SYS_OUT_OF_GAS), 325 an EVM revert (exit 33)
    // and an EVM call with exit 21, 405 a send to f0900813, which does not exist (exit 5, SYS_INVALID_RECEIVER)
    @ParameterizedTest(name = "devnet-a epoch {0}: exit {1}")
    @CsvSource({"317, 7", "325, 33", "325, 21", "405, 5"})
    void failingMessageReceiptsAreTheRecordedOnes(long epoch, int exitCode) {
        Replays.Overlaid r = replayer("devnet-a");
        JsonNode recorded = recordedMessages(r, epoch);
        int index = -1;
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).get("exit_code").asInt() == exitCode) {
                index = i;
            }
        }
        assertThat(index)
                .as("a message of epoch %s failing with exit %s", epoch, exitCode)
                .isNotNegative();
        JsonNode want = recorded.get(index);
        if (exitCode == 5) {
            assertThat(want.get("to_actor").asText()).isEqualTo("(none)");
        }

        TipsetOutcome.Executed executed = replayMatching(r, epoch);

        TipsetOutcome.AppliedMessage applied = executed.messages().get(index);
        assertThat(applied.message().cid().toString()).isEqualTo(want.get("cid").asText());
        MessageReceipt receipt = applied.receipt();
        assertThat(receipt.exitCode()).isEqualTo(exitCode);
        assertThat(receipt.gasUsed()).isEqualTo(want.get("gas_used").asLong());
        assertThat(receipt.eventsRoot()).isEmpty();
        // a failed message has no effect but its fees: the receiver still does not exist
        if (exitCode == 5) {
            assertThat(applied.result().failureInfo()).isNotBlank();
        }
    }

    // devnet-a, nv28: 325's first message is an EVM call emitting one event, 310's a verified-registry call emitting
    // one
    @ParameterizedTest(name = "devnet-a epoch {0} message {1}")
    @CsvSource({"325, 0", "310, 0"})
    void emittedEventsRebuildTheRecordedEventsAmt(long epoch, int index) {
        Replays.Overlaid r = replayer("devnet-a");
        JsonNode want = recordedMessages(r, epoch).get(index);
        Cid eventsRoot = Cid.parse(want.get("events_root").asText());

        TipsetOutcome.Executed executed = replayMatching(r, epoch);

        ApplyRet ret = executed.messages().get(index).result();
        assertThat(ret.eventsRoot()).contains(eventsRoot);
        assertThat(ret.events()).hasSize(want.get("events").asInt()).isNotEmpty();

        Amt amt = Amt.load(eventsRoot, r.shared().store(), AmtFormat.V3);
        assertThat(amt.bitWidth()).isEqualTo(5);
        assertThat(amt.count()).isEqualTo(ret.events().size());
        List<AmtEntry> stored = new ArrayList<>();
        amt.forEach(stored::add);
        for (int i = 0; i < ret.events().size(); i++) {
            CallManager.Event emitted = ret.events().get(i);
            assertThat(stored.get(i).index()).isEqualTo(i);
            CborReader chainEvent = CborReader.strict(stored.get(i).value());
            chainEvent.readArrayHeader(2);
            assertThat(chainEvent.readUnsigned()).as("emitter of event %s", i).isEqualTo(emitted.emitter());
            List<Entry> chainEntries = entries(chainEvent);
            chainEvent.expectEnd();
            CborReader ours = CborReader.strict(emitted.encoded());
            List<Entry> emittedEntries = entries(ours);
            ours.expectEnd();
            assertThat(emittedEntries)
                    .as("entries of event %s", i)
                    .isNotEmpty()
                    .containsExactlyElementsOf(chainEntries);
        }
    }

    /** An event entry {@code [flags, key, codec, value]} (fvm_shared {@code Entry}). */
    private record Entry(long flags, String key, long codec, String valueHex) {}

    private static List<Entry> entries(CborReader r) {
        int n = r.readArrayHeader();
        List<Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.readArrayHeader(4);
            out.add(new Entry(
                    r.readUnsigned(),
                    r.readText(),
                    r.readUnsigned(),
                    java.util.HexFormat.of().formatHex(r.readBytes())));
        }
        return out;
    }
}
