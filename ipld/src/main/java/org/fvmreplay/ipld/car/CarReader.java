package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.model.IpldValue;

/**
 * A streaming reader of CAR files: CARv1, CARv2 and either of them zstd-compressed (including
 * Forest's indexed {@code .forest.car.zst}), detected from the first bytes. Blocks are read one at
 * a time with {@link #next()} and verified against their CIDs unless told otherwise. The codec is
 * not checked: a block is bytes named by a hash, and new codecs appear (Lotus writes CBOR, 0x51,
 * since FVM v4), so any codec is read and verified by its hash; what the bytes mean is for the
 * reader of the block to decide. Every problem
 * with the input is a {@link CarFormatException} naming the source and the byte offset in the
 * (decompressed) stream.
 */
public final class CarReader implements Closeable {
    private static final int BUFFER_SIZE = 1 << 16;
    private static final int ZSTD_FRAME_MAGIC = 0xFD2FB528;
    /** Skippable frames use the 16 magic numbers 0x184D2A50..0x184D2A5F. */
    private static final int ZSTD_SKIPPABLE_MAGIC = 0x184D2A50;
    /** Forest ends its files with an 8-byte skippable frame holding the index's offset. */
    private static final int FOREST_FOOTER_LENGTH = 16;

    private final String source;
    private final CarReadOptions options;
    private final CountingInput in;
    private final CarFormat format;
    private final CarV2Header v2Header;
    private final CarHeader header;
    private final long payloadStart;
    private final long payloadEnd;
    private boolean finished;

    private CarReader(InputStream raw, String source, CarReadOptions options, boolean forestFooter, long knownLength) {
        this.source = source;
        this.options = options;
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
        CountingInput probe = new CountingInput(buffered, source, false);
        byte[] first = probe.peek(CarV2Header.PRAGMA_LENGTH);
        if (first.length == 0) {
            throw new CarFormatException(source, 0, "empty input: not a CAR file");
        }
        boolean compressed = isZstd(first);
        if (compressed) {
            this.in = new CountingInput(new BufferedInputStream(openZstd(buffered), BUFFER_SIZE), source, true);
            first = in.peek(CarV2Header.PRAGMA_LENGTH);
            if (first.length == 0) {
                throw new CarFormatException(source, 0, "the zstd stream decompresses to nothing: not a CAR file");
            }
            knownLength = -1;
        } else {
            this.in = probe;
        }
        if (Arrays.equals(first, CarV2Header.pragma())) {
            in.skipExactly(CarV2Header.PRAGMA_LENGTH, "CARv2 pragma");
            this.v2Header = readV2Header(knownLength);
            this.payloadStart = v2Header.dataOffset();
            this.payloadEnd = v2Header.dataOffset() + v2Header.dataSize();
            in.skipExactly(payloadStart - CarV2Header.MIN_DATA_OFFSET, "padding before the CARv2 data payload");
            this.format = compressed ? CarFormat.ZSTD_CARV2 : CarFormat.CARV2;
        } else {
            this.v2Header = null;
            this.payloadStart = 0;
            this.payloadEnd = Long.MAX_VALUE;
            this.format = compressed ? (forestFooter ? CarFormat.FOREST : CarFormat.ZSTD_CARV1) : CarFormat.CARV1;
        }
        this.header = readHeader();
    }

    /** Opens a CAR from a stream, verifying every block. {@code source} names it in errors. */
    public static CarReader open(InputStream in, String source) {
        return open(in, source, CarReadOptions.defaults());
    }

    /** Opens a CAR from a stream. The reader owns the stream and closes it. */
    public static CarReader open(InputStream in, String source, CarReadOptions options) {
        requireNonNull(in, "in");
        requireNonNull(source, "source");
        requireNonNull(options, "options");
        return open(in, source, options, false, -1);
    }

    /** Opens a CAR file, verifying every block. */
    public static CarReader open(Path path) {
        return open(path, CarReadOptions.defaults());
    }

    /** Opens a CAR file; recognises Forest's footer, and checks CARv2 offsets against the file size. */
    public static CarReader open(Path path, CarReadOptions options) {
        requireNonNull(path, "path");
        requireNonNull(options, "options");
        String source = path.toString();
        try {
            long size = Files.size(path);
            boolean forest = hasForestFooter(path, size);
            return open(Files.newInputStream(path), source, options, forest, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static CarReader open(InputStream in, String source, CarReadOptions options, boolean forest, long length) {
        try {
            return new CarReader(in, source, options, forest, length);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, RuntimeException failure) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean hasForestFooter(Path path, long size) throws IOException {
        if (size < FOREST_FOOTER_LENGTH) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer footer = ByteBuffer.allocate(FOREST_FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (footer.hasRemaining()) {
                if (channel.read(footer, size - FOREST_FOOTER_LENGTH + footer.position()) < 0) {
                    return false;
                }
            }
            footer.flip();
            return footer.getInt() == ZSTD_SKIPPABLE_MAGIC && footer.getInt() == 8 && footer.getLong() < size;
        }
    }

    private static boolean isZstd(byte[] first) {
        if (first.length < 4) {
            return false;
        }
        int magic = ByteBuffer.wrap(first, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return magic == ZSTD_FRAME_MAGIC || (magic & 0xFFFFFFF0) == ZSTD_SKIPPABLE_MAGIC;
    }

    private InputStream openZstd(InputStream compressed) {
        try {
            // reads every frame in turn and steps over skippable ones (Forest's index)
            return new ZstdInputStream(compressed);
        } catch (IOException e) {
            throw new CarFormatException(source, 0, "cannot start zstd decompression: " + e.getMessage(), e);
        }
    }

    private CarV2Header readV2Header(long knownLength) {
        long at = in.position();
        ByteBuffer b = ByteBuffer.wrap(in.readExactly(CarV2Header.HEADER_LENGTH, "CARv2 header"))
                .order(ByteOrder.LITTLE_ENDIAN);
        // characteristics are a 128-bit field whose leftmost bit comes first: keep big-endian halves
        long high = Long.reverseBytes(b.getLong());
        long low = Long.reverseBytes(b.getLong());
        long dataOffset = b.getLong();
        long dataSize = b.getLong();
        long indexOffset = b.getLong();
        if (dataOffset < CarV2Header.MIN_DATA_OFFSET) {
            throw fail(
                    at + 16,
                    "CARv2 data offset " + Long.toUnsignedString(dataOffset)
                            + " is not past the 51-byte pragma and header");
        }
        if (dataSize <= 0 || dataOffset + dataSize < 0) {
            throw fail(at + 24, "CARv2 data size " + Long.toUnsignedString(dataSize) + " is impossible");
        }
        long dataEnd = dataOffset + dataSize;
        if (indexOffset < 0 || (indexOffset != 0 && indexOffset < dataEnd)) {
            throw fail(
                    at + 32,
                    "CARv2 index offset " + Long.toUnsignedString(indexOffset)
                            + " points inside the data payload (which ends at byte " + dataEnd + ")");
        }
        if (knownLength >= 0 && dataEnd > knownLength) {
            throw fail(
                    at + 24,
                    "CARv2 data payload ends at byte " + dataEnd + " but the file has only " + knownLength + " bytes");
        }
        if (knownLength >= 0 && indexOffset >= knownLength) {
            throw fail(
                    at + 32,
                    "CARv2 index offset " + indexOffset + " is past the end of the " + knownLength + "-byte file");
        }
        return new CarV2Header(high, low, dataOffset, dataSize, indexOffset);
    }

    private CarHeader readHeader() {
        long start = in.position();
        long length = in.readVarint("header length");
        if (length < 0) {
            throw fail(start, "no CAR header: the input is empty");
        }
        if (length == 0) {
            throw fail(start, "CAR header length is zero");
        }
        checkLength(start, length, "header");
        long bodyAt = in.position();
        byte[] bytes = in.readExactly((int) length, "CAR header");
        IpldValue value;
        try {
            value = DagCbor.decode(bytes);
        } catch (CborException e) {
            throw fail(bodyAt + e.offset(), "malformed DAG-CBOR in the CAR header: " + cborProblem(e));
        }
        if (!(value instanceof IpldValue.MapValue map)) {
            throw fail(bodyAt, "CAR header is not a map");
        }
        IpldValue version = map.entries().get("version");
        if (!(version instanceof IpldValue.Int v)) {
            throw fail(bodyAt, "CAR header has no integer version");
        }
        if (v.value().intValue() != 1 || v.value().bitLength() > 31) {
            String where = v2Header == null ? "" : " inside the CARv2 payload";
            throw fail(
                    bodyAt,
                    "unsupported CAR version " + v.value() + where
                            + (v.value().intValue() == 2 ? " (a CARv2 must start with the exact 11-byte pragma)" : ""));
        }
        for (String key : map.entries().keySet()) {
            if (!key.equals("roots") && !key.equals("version")) {
                throw fail(bodyAt, "unexpected field '" + key + "' in the CARv1 header");
            }
        }
        if (!(map.entries().get("roots") instanceof IpldValue.ListValue list)) {
            throw fail(bodyAt, "CAR header has no roots list");
        }
        List<Cid> roots = new ArrayList<>(list.values().size());
        for (IpldValue root : list.values()) {
            if (!(root instanceof IpldValue.Link link)) {
                throw fail(bodyAt, "CAR header root is not a CID: " + root);
            }
            roots.add(link.cid());
        }
        return new CarHeader(roots);
    }

    private void checkLength(long at, long length, String what) {
        if (length > options.maxSectionLength()) {
            throw fail(
                    at,
                    what + " length " + length + " exceeds the limit of " + options.maxSectionLength()
                            + " bytes: the length field is corrupt (or raise CarReadOptions.maxSectionLength)");
        }
        if (in.position() + length > payloadEnd) {
            throw fail(
                    at,
                    what + " of " + length + " bytes runs past the end of the CARv2 data payload at byte "
                            + payloadEnd);
        }
    }

    private static String cborProblem(CborException e) {
        String message = e.getMessage();
        int suffix = message.lastIndexOf(" (at byte ");
        return suffix > 0 ? message.substring(0, suffix) : message;
    }

    /** Reads the next block, or returns null after the last one. */
    public CarBlock next() {
        if (finished) {
            return null;
        }
        long start = in.position();
        if (start == payloadEnd) {
            finished = true;
            checkIndexPresent();
            return null;
        }
        long length = in.readVarint("section length");
        if (length < 0) {
            if (v2Header != null) {
                throw fail(start, "input ends inside the CARv2 data payload, which should end at byte " + payloadEnd);
            }
            finished = true;
            return null;
        }
        if (length == 0) {
            throw fail(start, "zero-length section");
        }
        checkLength(start, length, "section");
        long cidAt = in.position();
        byte[] section = in.readExactly((int) length, "section");
        Cid cid;
        try {
            cid = Cid.read(section, 0, section.length);
        } catch (IllegalArgumentException e) {
            throw fail(cidAt, "bad CID at the start of the section: " + e.getMessage());
        }
        byte[] data = Arrays.copyOfRange(section, cid.byteLength(), section.length);
        long dataAt = cidAt + cid.byteLength();
        return new CarBlock(cid, data, start - payloadStart, dataAt - payloadStart, verify(cid, data, dataAt));
    }

    private BlockVerification verify(Cid cid, byte[] data, long dataAt) {
        if (!options.verifyBlocks()) {
            return BlockVerification.NOT_CHECKED;
        }
        Multihash expected = cid.multihash();
        if (!Multihash.isComputable(expected.code())) {
            return BlockVerification.UNVERIFIABLE;
        }
        if (!expected.matches(data, 0, data.length)) {
            Multihash actual = Multihash.digest(expected.code(), data);
            throw fail(
                    dataAt,
                    "block does not match its CID " + cid + ": the " + data.length + " bytes hash to " + actual
                            + " (corrupt block or CID)");
        }
        return BlockVerification.VERIFIED;
    }

    private void checkIndexPresent() {
        if (v2Header == null || !v2Header.hasIndex()) {
            return;
        }
        in.skipExactly(v2Header.indexOffset() - payloadEnd, "gap before the CARv2 index");
        if (in.peek(1).length == 0) {
            throw fail(
                    in.position(),
                    "CARv2 header promises an index at byte " + v2Header.indexOffset() + " but the input ends there");
        }
    }

    /** Calls {@code sink} for every remaining block. */
    public void forEachRemaining(Consumer<CarBlock> sink) {
        for (CarBlock b = next(); b != null; b = next()) {
            sink.accept(b);
        }
    }

    /** Reads all remaining blocks into memory. */
    public List<CarBlock> readAll() {
        List<CarBlock> blocks = new ArrayList<>();
        forEachRemaining(blocks::add);
        return blocks;
    }

    public String source() {
        return source;
    }

    public CarFormat format() {
        return format;
    }

    public CarHeader header() {
        return header;
    }

    public List<Cid> roots() {
        return header.roots();
    }

    public Optional<CarV2Header> v2Header() {
        return Optional.ofNullable(v2Header);
    }

    /** Offset in the CARv1 payload where the next section starts (the importer's reading position). */
    public long position() {
        return in.position() - payloadStart;
    }

    /** Offset of the CARv1 payload in the decompressed stream (non-zero for CARv2). */
    public long payloadOffset() {
        return payloadStart;
    }

    private CarFormatException fail(long offset, String problem) {
        return in.fail(offset, problem);
    }

    @Override
    public void close() {
        in.close();
    }
}
