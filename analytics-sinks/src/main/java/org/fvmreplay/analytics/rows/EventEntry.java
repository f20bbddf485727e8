package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

/** One entry of an actor event (FIP-0049): flags, key, IPLD codec and raw value. */
public record EventEntry(long flags, String key, long codec, byte[] value) {
    public EventEntry {
        requireNonNull(key, "key is null");
        value = requireNonNull(value, "value is null").clone();
    }

    /** The raw value (a copy). */
    @Override
    public byte[] value() {
        return value.clone();
    }
}
