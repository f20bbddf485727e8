package org.fvmreplay.ipld.amt;

/** The root layouts of Filecoin AMTs. Nodes are encoded the same way in both. */
public enum AmtFormat {
    /** Legacy go-amt-ipld v0-v2 root {@code [height, count, node]}, bit width fixed at 3 (block headers' message lists). */
    V0,
    /** go-amt-ipld v3+/ref-fvm root {@code [bitWidth, height, count, node]}, used by actors v3 and later. */
    V3
}
