package org.fvmreplay.ipld.car;

import java.util.HexFormat;

/**
 * The fixed 40-byte CARv2 header that follows the pragma: characteristics bitfield and the
 * position of the inner CARv1 payload and of the index (all offsets from the file start).
 */
public record CarV2Header(
        long characteristicsHigh, long characteristicsLow, long dataOffset, long dataSize, long indexOffset) {
    /** Length of the CARv2 pragma: a varint-prefixed DAG-CBOR {version: 2}. */
    public static final int PRAGMA_LENGTH = 11;
    /** Length of the fixed header after the pragma. */
    public static final int HEADER_LENGTH = 40;
    /** Smallest legal data offset: right after pragma and header. */
    public static final long MIN_DATA_OFFSET = PRAGMA_LENGTH + HEADER_LENGTH;

    /** The 11 pragma bytes: length 10, then {"version": 2}. */
    static byte[] pragma() {
        return HexFormat.of().parseHex("0aa16776657273696f6e02");
    }

    /** The leftmost characteristics bit: the index covers every block. */
    public boolean isFullyIndexed() {
        return characteristicsHigh < 0;
    }

    /** True when the file carries an index after the data payload. */
    public boolean hasIndex() {
        return indexOffset != 0;
    }
}
