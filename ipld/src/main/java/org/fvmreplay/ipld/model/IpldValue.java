package org.fvmreplay.ipld.model;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.ipld.cid.Cid;

/** A value of the IPLD data model, as DAG-CBOR can hold it. */
public sealed interface IpldValue {

    /** DAG-CBOR map key order: shorter UTF-8 first, then byte-wise. */
    Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    };

    /** The null value. */
    enum Null implements IpldValue {
        INSTANCE
    }

    /** true or false. */
    record Bool(boolean value) implements IpldValue {}

    /** An integer in -2^64 .. 2^64-1. */
    record Int(BigInteger value) implements IpldValue {
        public Int {
            requireNonNull(value, "value");
        }

        public static Int of(long v) {
            return new Int(BigInteger.valueOf(v));
        }
    }

    /** A 64-bit float. */
    record Float(double value) implements IpldValue {}

    /** A UTF-8 string. */
    record Text(String value) implements IpldValue {
        public Text {
            requireNonNull(value, "value");
        }
    }

    /** A byte string; the array is copied in and out. */
    final class Bytes implements IpldValue {
        private final byte[] value;

        public Bytes(byte[] value) {
            this.value = value.clone();
        }

        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** An ordered list. */
    record ListValue(List<IpldValue> values) implements IpldValue {
        public ListValue {
            values = List.copyOf(values);
        }
    }

    /** A map with string keys, kept in DAG-CBOR key order. */
    record MapValue(Map<String, IpldValue> entries) implements IpldValue {
        public MapValue {
            Map<String, IpldValue> sorted = new LinkedHashMap<>();
            List<String> keys = new java.util.ArrayList<>(entries.keySet());
            keys.sort(KEY_ORDER);
            for (String k : keys) {
                sorted.put(k, requireNonNull(entries.get(k), k));
            }
            entries = Collections.unmodifiableMap(sorted);
        }
    }

    /** A link to another block. */
    record Link(Cid cid) implements IpldValue {
        public Link {
            requireNonNull(cid, "cid");
        }
    }
}
