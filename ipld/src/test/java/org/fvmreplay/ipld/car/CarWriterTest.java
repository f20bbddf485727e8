package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarWriterTest {
    @ParameterizedTest
    @ValueSource(strings = {"chain4.car", "mainnet-genesis.car", "calibnet-genesis.car"})
    void rewritingARealCarReproducesItByteForByte(String name) throws IOException {
        byte[] original = Files.readAllBytes(SharedData.snapshot(name));
        assertThat(rewrite(original, name)).isEqualTo(original);
    }

    @Test
    void rewritingTheCarV2PayloadReproducesTheInnerCarV1(@TempDir Path dir) throws IOException {
        byte[] v2 = Files.readAllBytes(
                CarReaderTest.decompress(SharedData.snapshot("carv2.car.zst"), dir.resolve("v2.car")));
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(v2), "v2")) {
            CarV2Header h = reader.v2Header().orElseThrow();
            byte[] inner =
                    java.util.Arrays.copyOfRange(v2, (int) h.dataOffset(), (int) (h.dataOffset() + h.dataSize()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CarWriter writer = new CarWriter(out, reader.roots())) {
                reader.forEachRemaining(b -> writer.write(b.toBlock()));
            }
            assertThat(out.toByteArray()).isEqualTo(inner);
        }
    }

    @Test
    void headerMatchesTheCarV1SpecFixture() {
        // header of carv1-basic.car from the CARv1 specification (ipld/specs), with its two roots
        Cid first = Cid.parse("bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm");
        Cid second = Cid.parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm");
        String expected =
                "a265726f6f747382d82a58250001711220f88bc853804cf294fe417e4fa83028689fcdb1b1592c5102e1474dbc200fab8b"
                        + "d82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b6776657273696f6e01";
        assertThat(HexFormat.of().formatHex(CarWriter.encodeHeader(List.of(first, second))))
                .isEqualTo(expected);
    }

    @Test
    void positionCountsEveryByteWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cid cid = Cid.forDagCbor(new byte[] {(byte) 0xf6});
        try (CarWriter writer = new CarWriter(out, List.of(cid))) {
            writer.write(cid, new byte[] {(byte) 0xf6});
            assertThat(writer.position()).isEqualTo(out.size());
        }
    }

    private static byte[] rewrite(byte[] car, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(car.length);
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), name);
                CarWriter writer = new CarWriter(out, reader.roots())) {
            reader.forEachRemaining(b -> writer.write(b.cid(), b.data()));
        }
        return out.toByteArray();
    }
}
