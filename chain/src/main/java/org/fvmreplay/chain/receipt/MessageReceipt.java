package org.fvmreplay.chain.receipt;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A message receipt, version 1 (network version 18 and later; Lotus {@code MessageReceiptV1}):
 * {@code [exit_code, return_bytes, gas_used, events_root | null]}.
 */
public record MessageReceipt(long exitCode, byte[] returnData, long gasUsed, Optional<Cid> eventsRoot) {
    public MessageReceipt {
        returnData = requireNonNull(returnData, "returnData is null").clone();
        requireNonNull(eventsRoot, "eventsRoot is null");
    }

    @Override
    public byte[] returnData() {
        return returnData.clone();
    }

    public byte[] encode() {
        CborWriter w = new CborWriter(returnData.length + 64)
                .writeArrayHeader(4)
                .writeLong(exitCode)
                .writeBytes(returnData)
                .writeLong(gasUsed);
        return w.writeNullableCid(eventsRoot.orElse(null)).toByteArray();
    }

    /** Decodes the 4-tuple; malformed input is a {@link org.fvmreplay.ipld.cbor.CborException}. */
    public static MessageReceipt decode(byte[] bytes) {
        CborReader r = CborReader.strict(bytes);
        r.readArrayHeader(4);
        long exit = r.readLong();
        byte[] ret = r.readBytes();
        long gas = r.readLong();
        Optional<Cid> events = Optional.ofNullable(r.readNullableCid());
        r.expectEnd();
        return new MessageReceipt(exit, ret, gas, events);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageReceipt m
                && m.exitCode == exitCode
                && m.gasUsed == gasUsed
                && Arrays.equals(m.returnData, returnData)
                && m.eventsRoot.equals(eventsRoot);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "MessageReceipt[exit " + exitCode + ", gas " + gasUsed + ", return " + returnData.length + " bytes"
                + eventsRoot.map(c -> ", events " + c).orElse("") + "]";
    }
}
