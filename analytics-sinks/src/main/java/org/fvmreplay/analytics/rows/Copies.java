package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/** Defensive copies and checks shared by the row records, which must stay immutable once handed to a writer. */
final class Copies {
    private Copies() {}

    static byte[] bytes(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }

    static List<byte[]> byteList(List<byte[]> list, String name) {
        if (list == null) {
            return null;
        }
        return list.stream()
                .map(b -> requireNonNull(b, name + " has a null element").clone())
                .toList();
    }

    static <T> List<T> list(List<T> list, String name) {
        requireNonNull(list, name + " is null");
        // List.copyOf rejects null elements, which the files cannot hold (list elements are required)
        return List.copyOf(list);
    }

    static String oneOf(String value, Set<String> allowed, String name) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(
                    name + " must be one of " + allowed.stream().sorted().toList() + ": " + value);
        }
        return value;
    }

    static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is negative: " + value);
        }
        return value;
    }
}
