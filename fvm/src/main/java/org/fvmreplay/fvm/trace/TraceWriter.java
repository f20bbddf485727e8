package org.fvmreplay.fvm.trace;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;

/**
 * Writes execution traces as JSON Lines, one object per line, each with a {@code "type"}:
 * <ul>
 *   <li>{@code message}: starts a message's records: {@code index}, {@code exit_code}, {@code gas_used} (gas),
 *       {@code gas_limit};
 *   <li>{@code charge}: a gas charge: {@code name} (the reference's charge name), {@code compute_milligas},
 *       {@code storage_milligas}, {@code total_milligas}, {@code elapsed_ns} (wall time since the previous record);
 *   <li>{@code syscall}: written when a syscall returns: {@code syscall} ({@code namespace::name}) and
 *       {@code gas_milligas} charged while it ran, overhead included (a syscall that aborts the actor, such as
 *       {@code vm::exit}, shows only through its charges);
 *   <li>{@code call}: a call begins: {@code depth} (0 is the message), {@code from} (actor ID), {@code to} (address),
 *       {@code method}, {@code value} (attoFIL, decimal string);
 *   <li>{@code return}: the call at that depth ends: {@code exit_code} (-1 if an execution error aborted it, then
 *       {@code error} says which), {@code gas_milligas} used by the call and its subcalls;
 *   <li>{@code event}: an actor event: {@code emitter} (actor ID), {@code data} (DAG-CBOR of the event entries, hex).
 * </ul>
 * The sum of a message's {@code charge} totals, rounded up to whole gas, is its receipt's gas used.
 */
public final class TraceWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;

    public TraceWriter(Writer out) {
        this.out = requireNonNull(out, "out");
    }

    /** Writes the records of one message. */
    public void writeMessage(int index, long exitCode, long gasUsed, long gasLimit, GasTrace trace) throws IOException {
        line(json -> {
            json.writeStringField("type", "message");
            json.writeNumberField("index", index);
            json.writeNumberField("exit_code", exitCode);
            json.writeNumberField("gas_used", gasUsed);
            json.writeNumberField("gas_limit", gasLimit);
        });
        for (TraceEntry entry : trace.entries()) {
            line(json -> writeEntry(json, entry));
        }
    }

    private static void writeEntry(JsonGenerator json, TraceEntry entry) throws IOException {
        if (entry instanceof TraceEntry.GasCharged c) {
            json.writeStringField("type", "charge");
            json.writeStringField("name", c.name());
            json.writeNumberField("compute_milligas", c.computeMilligas());
            json.writeNumberField("storage_milligas", c.storageMilligas());
            json.writeNumberField("total_milligas", c.totalMilligas());
            json.writeNumberField("elapsed_ns", c.elapsedNanos());
        } else if (entry instanceof TraceEntry.SyscallReturned s) {
            json.writeStringField("type", "syscall");
            json.writeStringField("syscall", s.namespace() + "::" + s.name());
            json.writeNumberField("gas_milligas", s.gasMilligas());
        } else if (entry instanceof TraceEntry.CallStarted c) {
            json.writeStringField("type", "call");
            json.writeNumberField("depth", c.depth());
            json.writeNumberField("from", c.from());
            json.writeStringField("to", c.to());
            json.writeNumberField("method", c.method());
            json.writeStringField("value", c.value().toString());
        } else if (entry instanceof TraceEntry.CallReturned r) {
            json.writeStringField("type", "return");
            json.writeNumberField("depth", r.depth());
            json.writeNumberField("exit_code", r.exitCode());
            if (r.error() != null) {
                json.writeStringField("error", r.error());
            }
            json.writeNumberField("gas_milligas", r.gasMilligas());
        } else if (entry instanceof TraceEntry.EventEmitted e) {
            json.writeStringField("type", "event");
            json.writeNumberField("emitter", e.emitter());
            json.writeStringField("data", HexFormat.of().formatHex(e.encoded()));
        }
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private void line(Fields fields) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        fields.write(json);
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
