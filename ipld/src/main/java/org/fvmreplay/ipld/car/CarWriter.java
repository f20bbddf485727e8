package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Varint;

/**
 * Writes a CARv1: the canonical DAG-CBOR header {@code {roots, version: 1}}, then one
 * {@code varint(len) || CID || block} section per block, in the order given. Reading a canonical
 * CARv1 and writing its blocks back reproduces it byte for byte.
 */
public final class CarWriter implements Closeable {
    private final OutputStream out;
    private long position;

    /** Writes the header at once; the writer owns {@code out} and closes it. */
    public CarWriter(OutputStream out, List<Cid> roots) {
        this.out = requireNonNull(out, "out");
        writeSection(encodeHeader(requireNonNull(roots, "roots")), null);
    }

    /** The header block (without its length prefix) for these roots. */
    public static byte[] encodeHeader(List<Cid> roots) {
        CborWriter w = new CborWriter();
        // canonical key order: shorter keys first, so "roots" precedes "version"
        w.writeMapHeader(2);
        w.writeText("roots");
        w.writeArrayHeader(roots.size());
        for (Cid root : roots) {
            w.writeCid(requireNonNull(root, "root"));
        }
        w.writeText("version");
        w.writeLong(1);
        return w.toByteArray();
    }

    public void write(Block block) {
        requireNonNull(block, "block");
        write(block.cid(), block.data());
    }

    /** Appends one section. The data is written as given; it is not checked against the CID. */
    public void write(Cid cid, byte[] data) {
        requireNonNull(cid, "cid");
        requireNonNull(data, "data");
        writeSection(cid.toBytes(), data);
    }

    private void writeSection(byte[] first, byte[] second) {
        long length = first.length + (second == null ? 0L : second.length);
        byte[] prefix = Varint.encode(length);
        try {
            out.write(prefix);
            out.write(first);
            if (second != null) {
                out.write(second);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CAR section", e);
        }
        position += prefix.length + length;
    }

    /** Bytes written so far. */
    public long position() {
        return position;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close CAR output", e);
        }
    }
}
