package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;

/** Codecs the reader does not interpret are read and verified by hash; long identity CIDs are read. */
class CarCodecsTest {
    private static final long CBOR = 0x51;

    @Test
    void lotusCborCodecCaseFileReadsVerified() {
        // two sections, dag-cbor (0x71) and cbor (0x51), over the same bytes and digest
        try (CarReader reader = CarReader.open(SharedData.root().resolve("cases/car-cbor-0x51-codec.car"))) {
            List<CarBlock> blocks = reader.readAll();
            assertThat(blocks).extracting(b -> b.cid().codec()).containsExactly(Multicodec.DAG_CBOR, CBOR);
            assertThat(blocks).extracting(CarBlock::verification).containsOnly(BlockVerification.VERIFIED);
            assertThat(blocks.get(0).data()).isEqualTo(blocks.get(1).data());
            assertThat(blocks.get(1).cid().multihash())
                    .isEqualTo(blocks.get(0).cid().multihash());
            assertThat(reader.roots()).containsExactly(blocks.get(0).cid());
        }
    }

    @Test
    void anyCodecIsVerifiedByHash() {
        byte[] data = {(byte) 0x82, 0x01, 0x02};
        Cid odd = Cid.compute(0x99, MultihashCode.BLAKE2B_256, data);
        Cid cbor = Cid.compute(CBOR, MultihashCode.SHA2_256, data);
        byte[] car = CarTestData.car(
                List.of(cbor), List.of(new CarTestData.Section(odd, data), new CarTestData.Section(cbor, data)));
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "test.car")) {
            assertThat(reader.readAll())
                    .extracting(CarBlock::cid, CarBlock::verification)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(odd, BlockVerification.VERIFIED),
                            org.assertj.core.groups.Tuple.tuple(cbor, BlockVerification.VERIFIED));
        }
    }

    @Test
    void identityCidsLongerThan64BytesAreRead() {
        // the VM rejects identity digests above 64 bytes when actors create them; a CAR may still hold them
        byte[] inline = new byte[100];
        Arrays.fill(inline, (byte) 7);
        Cid longIdentity = Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, inline));
        byte[] linking =
                new CborWriter().writeArrayHeader(1).writeCid(longIdentity).toByteArray();
        Cid parent = Cid.forDagCbor(linking);
        byte[] car = CarTestData.car(
                List.of(parent),
                List.of(new CarTestData.Section(parent, linking), new CarTestData.Section(longIdentity, inline)));
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), "test.car")) {
            List<CarBlock> blocks = reader.readAll();
            assertThat(blocks).extracting(CarBlock::cid).containsExactly(parent, longIdentity);
            assertThat(blocks).extracting(CarBlock::verification).containsOnly(BlockVerification.VERIFIED);
            assertThat(longIdentity.multihash().digestLength()).isEqualTo(100);
            List<Cid> links = new java.util.ArrayList<>();
            DagCbor.forEachLink(blocks.get(0).data(), links::add);
            assertThat(links).containsExactly(longIdentity);
        }
    }
}
