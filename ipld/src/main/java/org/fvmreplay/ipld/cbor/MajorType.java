package org.fvmreplay.ipld.cbor;

/** The eight CBOR major types (RFC 8949 section 3.1). */
public final class MajorType {
    public static final int UNSIGNED = 0;
    public static final int NEGATIVE = 1;
    public static final int BYTES = 2;
    public static final int TEXT = 3;
    public static final int ARRAY = 4;
    public static final int MAP = 5;
    public static final int TAG = 6;
    public static final int SIMPLE = 7;

    private MajorType() {}

    /** Name of a major type for error messages. */
    public static String name(int major) {
        return switch (major) {
            case UNSIGNED -> "unsigned integer";
            case NEGATIVE -> "negative integer";
            case BYTES -> "byte string";
            case TEXT -> "text string";
            case ARRAY -> "array";
            case MAP -> "map";
            case TAG -> "tag";
            default -> "simple value";
        };
    }
}
