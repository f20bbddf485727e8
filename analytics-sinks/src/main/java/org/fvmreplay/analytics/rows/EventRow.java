package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One actor event emitted by a message (table {@code events}).
 *
 * @param eventIndex position in the message's events AMT
 * @param topics the log topics of an FEVM log event (keys t1..t4); null for other events
 * @param data the log data of an FEVM log event (key d); null for other events
 * @param raw the DAG-CBOR encoded ActorEvent as stored in the events AMT
 * @param decodeError why the entries could not be decoded, when they could not; the raw bytes are still there
 */
public record EventRow(
        long executionEpoch,
        String messageCid,
        int eventIndex,
        long emitterId,
        List<EventEntry> entries,
        List<byte[]> topics,
        byte[] data,
        byte[] raw,
        String decodeError) {
    public EventRow {
        requireNonNull(messageCid, "messageCid is null");
        entries = Copies.list(entries, "entries");
        topics = Copies.byteList(topics, "topics");
        data = Copies.bytes(data);
        raw = requireNonNull(raw, "raw is null").clone();
        Copies.nonNegative(eventIndex, "eventIndex");
    }

    /** The topics (copies), or null. */
    @Override
    public List<byte[]> topics() {
        return Copies.byteList(topics, "topics");
    }

    /** The log data (a copy), or null. */
    @Override
    public byte[] data() {
        return Copies.bytes(data);
    }

    /** The encoded event (a copy). */
    @Override
    public byte[] raw() {
        return raw.clone();
    }
}
