package org.fvmreplay.ipld.car;

/**
 * How strictly a {@link CarReader} reads.
 *
 * @param verifyBlocks hash every block and compare with its CID (on by default)
 * @param maxSectionLength largest section (or header) accepted; a length field above it is an error,
 *     so a corrupt length never makes the reader allocate gigabytes
 */
public record CarReadOptions(boolean verifyBlocks, int maxSectionLength) {
    /** Filecoin blocks stay well below this; actor WASM blocks are the largest, a few MiB. */
    public static final int DEFAULT_MAX_SECTION_LENGTH = 32 << 20;

    public CarReadOptions {
        if (maxSectionLength <= 0) {
            throw new IllegalArgumentException("maxSectionLength must be positive: " + maxSectionLength);
        }
    }

    public static CarReadOptions defaults() {
        return new CarReadOptions(true, DEFAULT_MAX_SECTION_LENGTH);
    }

    public CarReadOptions withVerifyBlocks(boolean verify) {
        return new CarReadOptions(verify, maxSectionLength);
    }

    public CarReadOptions withMaxSectionLength(int max) {
        return new CarReadOptions(verifyBlocks, max);
    }
}
