package org.fvmreplay.analytics.rows;

/**
 * One top-level field of an actor's state object (its position in the state tuple) that differs between old and new head.
 *
 * @param oldValue and {@code newValue}: the field's DAG-CBOR encoding; null where the field does not exist on that side
 */
public record StateFieldChange(int fieldIndex, byte[] oldValue, byte[] newValue) {
    public StateFieldChange {
        Copies.nonNegative(fieldIndex, "fieldIndex");
        oldValue = Copies.bytes(oldValue);
        newValue = Copies.bytes(newValue);
    }

    /** The old encoding (a copy), or null. */
    @Override
    public byte[] oldValue() {
        return Copies.bytes(oldValue);
    }

    /** The new encoding (a copy), or null. */
    @Override
    public byte[] newValue() {
        return Copies.bytes(newValue);
    }
}
