package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.ipld.cid.Varint;
import org.junit.jupiter.api.Test;

class CarFormatErrorsTest {
    private static final byte[] DATA = {(byte) 0x82, 0x01, 0x02};
    private static final Cid CID = Cid.forDagCbor(DATA);
    private static final byte[] GOOD = CarTestData.car(List.of(CID), List.of(new CarTestData.Section(CID, DATA)));
    private static final int HEADER_END = headerEnd(GOOD);

    @Test
    void goodCarReads() {
        assertThat(readAll(GOOD)).singleElement().satisfies(b -> {
            assertThat(b.cid()).isEqualTo(CID);
            assertThat(b.sectionOffset()).isEqualTo(HEADER_END);
        });
    }

    @Test
    void truncatedSection() {
        CarFormatException e = fail(Arrays.copyOf(GOOD, GOOD.length - 1));
        assertThat(e.getMessage())
                .contains("test.car", "truncated section", "expected " + (CID.byteLength() + DATA.length));
        assertThat(e.offset()).isEqualTo(HEADER_END + 1);
    }

    @Test
    void truncatedHeader() {
        CarFormatException e = fail(Arrays.copyOf(GOOD, 10));
        assertThat(e.getMessage()).contains("truncated CAR header");
        assertThat(e.offset()).isEqualTo(1);
    }

    @Test
    void emptyInput() {
        assertThat(fail(new byte[0]).getMessage()).contains("empty input");
    }

    @Test
    void wrongHash() {
        byte[] car = GOOD.clone();
        car[car.length - 1] ^= 1;
        CarFormatException e = fail(car);
        assertThat(e.getMessage()).contains("does not match its CID " + CID, "blake2b-256:");
        assertThat(e.offset()).isEqualTo(GOOD.length - DATA.length);
    }

    @Test
    void unsupportedCidVersion() {
        byte[] car = GOOD.clone();
        car[HEADER_END + 1] = 2;
        CarFormatException e = fail(car);
        assertThat(e.getMessage()).contains("bad CID", "unsupported CID version 2");
        assertThat(e.offset()).isEqualTo(HEADER_END + 1);
    }

    @Test
    void unknownCodecWithWrongHash() {
        // a codec the reader does not know is still verified by its hash
        Cid odd = Cid.compute(0x99, MultihashCode.SHA2_256, DATA);
        byte[] car = CarTestData.car(List.of(CID), List.of(new CarTestData.Section(odd, new byte[] {1, 2, 3})));
        assertThat(fail(car).getMessage()).contains("does not match its CID " + odd, "sha2-256:");
    }

    @Test
    void garbageBytes() {
        CarFormatException e = fail("this is not a CAR file at all".getBytes(StandardCharsets.US_ASCII));
        assertThat(e.getMessage()).contains("test.car");
        assertThat(e.offset()).isBetween(0L, 40L);
    }

    @Test
    void headerThatIsNotAMap() {
        assertThat(fail(withHeader(new CborWriter().writeArrayHeader(0).toByteArray()))
                        .getMessage())
                .contains("not a map");
    }

    @Test
    void headerWithWrongVersion() {
        byte[] header = new CborWriter()
                .writeMapHeader(2)
                .writeText("roots")
                .writeArrayHeader(0)
                .writeText("version")
                .writeLong(3)
                .toByteArray();
        assertThat(fail(withHeader(header)).getMessage()).contains("unsupported CAR version 3");
    }

    @Test
    void headerWithUnknownField() {
        byte[] header = new CborWriter()
                .writeMapHeader(3)
                .writeText("extra")
                .writeLong(0)
                .writeText("roots")
                .writeArrayHeader(0)
                .writeText("version")
                .writeLong(1)
                .toByteArray();
        assertThat(fail(withHeader(header)).getMessage()).contains("unexpected field 'extra'");
    }

    @Test
    void headerWithoutRoots() {
        byte[] header = new CborWriter()
                .writeMapHeader(1)
                .writeText("version")
                .writeLong(1)
                .toByteArray();
        assertThat(fail(withHeader(header)).getMessage()).contains("no roots");
    }

    @Test
    void malformedHeaderCbor() {
        // a map that announces two entries but holds one: the CBOR ends early
        byte[] header = new CborWriter()
                .writeMapHeader(2)
                .writeText("version")
                .writeLong(1)
                .toByteArray();
        CarFormatException e = fail(withHeader(header));
        assertThat(e.getMessage()).contains("malformed DAG-CBOR in the CAR header");
        assertThat(e.offset()).isEqualTo(1 + header.length);
    }

    @Test
    void nonCanonicalHeaderCbor() {
        // keys in the wrong order are not canonical DAG-CBOR
        byte[] header = new CborWriter()
                .writeMapHeader(2)
                .writeText("version")
                .writeLong(1)
                .writeText("roots")
                .writeArrayHeader(0)
                .toByteArray();
        assertThat(fail(withHeader(header)).getMessage()).contains("canonical order");
    }

    @Test
    void varintOverflow() {
        byte[] car = concat(Arrays.copyOf(GOOD, HEADER_END), HexFormat.of().parseHex("ffffffffffffffffffff01"));
        CarFormatException e = fail(car);
        assertThat(e.getMessage()).contains("varint overflow");
        assertThat(e.offset()).isEqualTo(HEADER_END);
    }

    @Test
    void nonMinimalVarint() {
        byte[] car = concat(Arrays.copyOf(GOOD, HEADER_END), HexFormat.of().parseHex("8100"));
        assertThat(fail(car).getMessage()).contains("non-minimal varint");
    }

    @Test
    void absurdSectionLengthIsRejectedBeforeAllocating() {
        byte[] car = concat(Arrays.copyOf(GOOD, HEADER_END), Varint.encode(1L << 40), new byte[] {1, 2, 3});
        CarFormatException e = fail(car);
        assertThat(e.getMessage()).contains("section length 1099511627776 exceeds the limit");
        assertThat(e.offset()).isEqualTo(HEADER_END);
    }

    @Test
    void lengthBelowTheLimitButPastTheEndIsTruncation() {
        byte[] car = concat(Arrays.copyOf(GOOD, HEADER_END), Varint.encode(30 << 20), new byte[] {1, 2, 3});
        assertThat(fail(car).getMessage()).contains("truncated section", "ends after 3");
    }

    @Test
    void zeroLengthSection() {
        byte[] car = concat(GOOD, new byte[] {0});
        assertThat(fail(car).getMessage()).contains("zero-length section");
    }

    @Test
    void cidRunningPastTheSection() {
        byte[] cid = CID.toBytes();
        byte[] car = concat(Arrays.copyOf(GOOD, HEADER_END), Varint.encode(10), Arrays.copyOf(cid, 10));
        assertThat(fail(car).getMessage()).contains("bad CID");
    }

    @Test
    void carV2WithDataOffsetInsideTheHeader() {
        assertThat(fail(carV2(GOOD, 40, GOOD.length, 0, 0)).getMessage()).contains("data offset 40");
    }

    @Test
    void carV2WithIndexInsideThePayload() {
        assertThat(fail(carV2(GOOD, 51, GOOD.length, 60, 0)).getMessage()).contains("index offset 60 points inside");
    }

    @Test
    void carV2WithPayloadPastTheEndOfTheStream() {
        CarFormatException e = fail(carV2(GOOD, 51, GOOD.length + 5, 0, 0));
        assertThat(e.getMessage()).contains("input ends inside the CARv2 data payload");
    }

    @Test
    void carV2WithMissingIndex() {
        assertThat(fail(carV2(GOOD, 51, GOOD.length, 51 + GOOD.length, 0)).getMessage())
                .contains("promises an index");
    }

    @Test
    void carV2WithAbsurdDataSize() {
        assertThat(fail(carV2(GOOD, 51, -1, 0, 0)).getMessage())
                .contains("data size 18446744073709551615 is impossible");
    }

    @Test
    void carV2WithSectionCrossingThePayloadEnd() {
        assertThat(fail(carV2(GOOD, 51, GOOD.length - 2, 0, 2)).getMessage())
                .contains("runs past the end of the CARv2 data payload");
    }

    @Test
    void carV2ReadsWithPaddingAndIndex() {
        byte[] car = concat(carV2(GOOD, 60, GOOD.length, 60 + GOOD.length + 3, 9), new byte[] {1});
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "v2.car")) {
            assertThat(reader.format()).isEqualTo(CarFormat.CARV2);
            assertThat(reader.readAll()).hasSize(1);
        }
    }

    @Test
    void truncatedZstd() {
        byte[] compressed = Zstd.compress(GOOD);
        CarFormatException e = fail(Arrays.copyOf(compressed, compressed.length - 4));
        assertThat(e.getMessage()).contains("zstd");
    }

    @Test
    void zstdCarReads() {
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(Zstd.compress(GOOD)), "z")) {
            assertThat(reader.format()).isEqualTo(CarFormat.ZSTD_CARV1);
            assertThat(reader.readAll()).hasSize(1);
        }
    }

    @Test
    void identityDigestThatDoesNotMatch() {
        Cid identity = Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, new byte[] {1}));
        byte[] car = CarTestData.car(List.of(identity), List.of(new CarTestData.Section(identity, new byte[] {2})));
        assertThat(fail(car).getMessage()).contains("does not match");
    }

    /** A CARv2 around {@code inner}, with {@code padding} zero bytes between header and payload (and after it). */
    static byte[] carV2(byte[] inner, long dataOffset, long dataSize, long indexOffset, int padding) {
        ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        header.position(16);
        header.putLong(dataOffset).putLong(dataSize).putLong(indexOffset);
        int gap = (int) Math.max(0, dataOffset - 51);
        return concat(CarV2Header.pragma(), header.array(), new byte[gap], inner, new byte[padding]);
    }

    private static byte[] withHeader(byte[] header) {
        return concat(Varint.encode(header.length), header);
    }

    static int headerEnd(byte[] car) {
        long length = Varint.read(car, 0, car.length);
        return (int) (Varint.size(length) + length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<CarBlock> readAll(byte[] car) {
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "test.car")) {
            return reader.readAll();
        }
    }

    private static CarFormatException fail(byte[] car) {
        CarFormatException e = catchThrowableOfType(CarFormatException.class, () -> readAll(car));
        assertThat(e).as("reading must fail with CarFormatException").isNotNull();
        assertThat(e.getMessage()).contains("at byte " + e.offset());
        return e;
    }
}
