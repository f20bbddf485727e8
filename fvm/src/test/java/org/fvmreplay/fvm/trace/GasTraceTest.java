package org.fvmreplay.fvm.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.List;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.junit.jupiter.api.Test;

class GasTraceTest {
    @Test
    void disabledTraceAllocatesNothingPerCharge() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GasTracker tracker = new GasTracker(Long.MAX_VALUE, GasTrace.disabled());
        GasCharge charge = new GasCharge("OnBlockRead", 1000, 500);
        // warm up so the measured loop runs compiled code
        for (int i = 0; i < 200_000; i++) {
            tracker.charge(charge);
            tracker.charge("wasm_exec", 7);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 1_000_000; i++) {
            tracker.charge(charge);
            tracker.charge("wasm_exec", 7);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // two million charges; a single allocation per charge would be at least 16 MB
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(tracker.used()).isEqualTo(1_200_000L * 1507);
        assertThat(GasTrace.disabled().entries()).isEmpty();
    }

    @Test
    void enabledTraceRecordsChargesSyscallsCallsAndEventsInOrder() throws IOException {
        GasTrace trace = GasTrace.enabled();
        GasTracker tracker = new GasTracker(1_000_000, trace);
        trace.recordCallStart(100, "f06", 4, BigInteger.TEN);
        tracker.charge(new GasCharge("OnChainMessage", 300, 200));
        tracker.charge("wasm_exec", 5);
        trace.recordSyscall("ipld", "block_open", 42);
        trace.recordEvent(6, new byte[] {(byte) 0x80});
        trace.recordCallEnd(0, null, 505);

        assertThat(trace.entries()).hasSize(6);
        assertThat(trace.entries().get(1)).isInstanceOfSatisfying(TraceEntry.GasCharged.class, c -> {
            assertThat(c.computeMilligas()).isEqualTo(300);
            assertThat(c.storageMilligas()).isEqualTo(200);
            assertThat(c.elapsedNanos()).isNotNegative();
        });
        assertThat(trace.chargedMilligas()).isEqualTo(tracker.used()).isEqualTo(505);
        assertThat(trace.charges()).containsExactly("OnChainMessage 500", "wasm_exec 5");

        StringWriter out = new StringWriter();
        try (TraceWriter writer = new TraceWriter(out)) {
            writer.writeMessage(0, 0, 1, 1000, trace);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(7);
        List<String> types = lines.stream()
                .map(line -> read(json, line).path("type").asText())
                .toList();
        assertThat(types).containsExactly("message", "call", "charge", "charge", "syscall", "event", "return");
        assertThat(read(json, lines.get(1)).path("value").asText()).isEqualTo("10");
        assertThat(read(json, lines.get(4)).path("syscall").asText()).isEqualTo("ipld::block_open");
        assertThat(read(json, lines.get(5)).path("data").asText()).isEqualTo("80");
        assertThat(read(json, lines.get(6)).has("error")).isFalse();
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
