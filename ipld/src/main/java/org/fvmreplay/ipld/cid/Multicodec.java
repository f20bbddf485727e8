package org.fvmreplay.ipld.cid;

/** Content codecs (the CID's codec field) this project knows, from the multicodec table. */
public final class Multicodec {
    public static final long RAW = 0x55;
    public static final long DAG_PB = 0x70;
    public static final long DAG_CBOR = 0x71;
    public static final long DAG_JSON = 0x0129;
    /** Filecoin unsealed sector / piece commitment. */
    public static final long FIL_COMMITMENT_UNSEALED = 0xf101;
    /** Filecoin sealed sector commitment. */
    public static final long FIL_COMMITMENT_SEALED = 0xf102;

    private Multicodec() {}

    /** A readable name for a codec, or its hex value when unknown. */
    public static String name(long codec) {
        if (codec == RAW) {
            return "raw";
        }
        if (codec == DAG_PB) {
            return "dag-pb";
        }
        if (codec == DAG_CBOR) {
            return "dag-cbor";
        }
        if (codec == DAG_JSON) {
            return "dag-json";
        }
        if (codec == FIL_COMMITMENT_UNSEALED) {
            return "fil-commitment-unsealed";
        }
        if (codec == FIL_COMMITMENT_SEALED) {
            return "fil-commitment-sealed";
        }
        return "0x" + Long.toHexString(codec);
    }
}
