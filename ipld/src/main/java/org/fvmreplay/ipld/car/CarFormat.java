package org.fvmreplay.ipld.car;

/** The container a CAR came in, as detected from its first bytes (and, for Forest, its footer). */
public enum CarFormat {
    CARV1("CARv1", false),
    CARV2("CARv2", false),
    ZSTD_CARV1("zstd CARv1", true),
    ZSTD_CARV2("zstd CARv2", true),
    /** Forest's indexed zstd CARv1: many frames plus skippable frames holding its index. */
    FOREST("forest", true);

    private final String displayName;
    private final boolean compressed;

    CarFormat(String displayName, boolean compressed) {
        this.displayName = displayName;
        this.compressed = compressed;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isCompressed() {
        return compressed;
    }

    /** True when the payload sits inside a CARv2 wrapper. */
    public boolean isCarV2() {
        return this == CARV2 || this == ZSTD_CARV2;
    }
}
