package org.fvmreplay.ipld.hamt;

import static java.util.Objects.requireNonNull;

/**
 * Shape parameters of a HAMT. Every reader and writer of one HAMT must agree on them, since they
 * are not stored in the blocks.
 *
 * @param bitWidth hash bits consumed per level (1 to 8); a node has up to {@code 2^bitWidth} children
 * @param maxBucketSize key/value pairs kept inline in a bucket before it is split into a child node
 * @param minDataDepth levels below the root that hold only links, never buckets (0 in Filecoin)
 * @param hasher the key hash function
 * @param keyEncoding how keys are written in buckets
 */
public record HamtConfig(
        int bitWidth, int maxBucketSize, int minDataDepth, HamtHasher hasher, HamtKeyEncoding keyEncoding) {
    /** Filecoin builtin actors' bit width. */
    public static final int DEFAULT_BIT_WIDTH = 5;
    /** Filecoin's bucket size (go-hamt-ipld v3 {@code arrayWidth}). */
    public static final int DEFAULT_MAX_BUCKET_SIZE = 3;
    /** The configuration of the HAMTs in Filecoin actor state: bit width 5, buckets of 3, SHA2-256. */
    public static final HamtConfig DEFAULT =
            new HamtConfig(DEFAULT_BIT_WIDTH, DEFAULT_MAX_BUCKET_SIZE, 0, HamtHasher.SHA2_256);

    public HamtConfig {
        requireNonNull(hasher, "hasher");
        requireNonNull(keyEncoding, "keyEncoding");
        if (bitWidth < 1 || bitWidth > 8) {
            throw new IllegalArgumentException("HAMT bit width must be between 1 and 8, got " + bitWidth);
        }
        if (maxBucketSize < 1) {
            throw new IllegalArgumentException("HAMT bucket size must be at least 1, got " + maxBucketSize);
        }
        if (minDataDepth < 0) {
            throw new IllegalArgumentException("HAMT minimum data depth must not be negative, got " + minDataDepth);
        }
    }

    /** A configuration whose keys are byte strings, as in all Filecoin state. */
    public HamtConfig(int bitWidth, int maxBucketSize, int minDataDepth, HamtHasher hasher) {
        this(bitWidth, maxBucketSize, minDataDepth, hasher, HamtKeyEncoding.BYTES);
    }

    /** The default configuration with another bit width. */
    public static HamtConfig withBitWidth(int bitWidth) {
        return DEFAULT.bitWidth(bitWidth);
    }

    /** This configuration with another bit width. */
    public HamtConfig bitWidth(int newBitWidth) {
        return new HamtConfig(newBitWidth, maxBucketSize, minDataDepth, hasher, keyEncoding);
    }

    /** This configuration with another hash function. */
    public HamtConfig hasher(HamtHasher newHasher) {
        return new HamtConfig(bitWidth, maxBucketSize, minDataDepth, newHasher, keyEncoding);
    }

    /** This configuration with another bucket size. */
    public HamtConfig maxBucketSize(int newMaxBucketSize) {
        return new HamtConfig(bitWidth, newMaxBucketSize, minDataDepth, hasher, keyEncoding);
    }

    /** This configuration with another minimum data depth. */
    public HamtConfig minDataDepth(int newMinDataDepth) {
        return new HamtConfig(bitWidth, maxBucketSize, newMinDataDepth, hasher, keyEncoding);
    }

    /** This configuration with another key encoding. */
    public HamtConfig keyEncoding(HamtKeyEncoding newKeyEncoding) {
        return new HamtConfig(bitWidth, maxBucketSize, minDataDepth, hasher, newKeyEncoding);
    }
}
