package org.fvmreplay.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.fvmreplay.fvm.message.Message;
import org.fvmreplay.fvm.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestVectorReaderTest {
    private final TestVectorReader reader = new TestVectorReader();

    @Test
    void readsEveryVectorInTheCorpus() throws IOException {
        List<Path> files = TestVectorReader.findVectorFiles(SharedData.vectors());
        assertThat(files).hasSize(294);
        Map<Integer, Integer> byNetworkVersion = new TreeMap<>();
        for (Path file : files) {
            TestVector v = reader.read(file);
            assertThat(v.applyMessages()).isNotEmpty();
            assertThat(v.postconditions().receipts()).hasSameSizeAs(v.applyMessages());
            assertThat(v.preconditions().variants()).isNotEmpty();
            assertThat(v.preconditions().baseFee()).isPresent();
            // a CARv1 starts with its varint-prefixed header: a map {roots, version}
            assertThat(v.car()[1] & 0xE0).isEqualTo(0xA0);
            for (TestVector.ApplyMessage m : v.applyMessages()) {
                Message decoded = Message.decode(m.bytes());
                assertThat(decoded.encode()).isEqualTo(m.bytes());
            }
            v.preconditions().variants().forEach(var -> byNetworkVersion.merge(var.networkVersion(), 1, Integer::sum));
        }
        assertThat(byNetworkVersion).containsExactly(Map.entry(17, 150), Map.entry(18, 144));
    }

    @Test
    void decodesAKnownMessage() {
        Path file = SharedData.vectors()
                .resolve(
                        "corpus/extracted/0002-hygge-01/fil_10_multisig/Propose/Ok/ext-0002-fil_10_multisig-Propose-Ok-1.json");
        TestVector v = reader.read(file);
        assertThat(v.id()).isEqualTo("ext-0002-fil_10_multisig-Propose-Ok-1");
        assertThat(v.preconditions().stateRoot())
                .hasToString("bafy2bzacealdoc537kdmccwdnhiis7gn2ewxrmmqcuxm7e3a6bha7w4vb6dfe");
        assertThat(v.preconditions().circulatingSupply())
                .contains(new java.math.BigInteger("463973544302560247587615610"));
        assertThat(v.postconditions().receipts().get(0).gasUsed()).isEqualTo(29869151);
        Message m = Message.decode(v.applyMessages().get(0).bytes());
        assertThat(m.method()).isEqualTo(2); // multisig Propose
        assertThat(m.to().protocol()).isNotNull();
        // the vector's _meta names the message CID it was extracted from
        assertThat(m.cid()).hasToString("bafy2bzaceaj3vooy3zopuuapq2xusab262gzdsyjx7qzm5g6y63tf5its3d72");
    }

    @Test
    void badFilesGiveErrorsNamingFileAndProblem(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> reader.read(write(dir, "a.json", "{\"class\": \"message\", ")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("a.json")
                .hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> reader.read(write(dir, "b.json", "{\"class\": \"message\"}")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("b.json")
                .hasMessageContaining("missing field \"car\"");
        assertThatThrownBy(() -> reader.read(write(dir, "c.json", "{\"class\": \"message\", \"car\": \"***\"}")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("not base64");
        String notGzip = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() ->
                        reader.read(write(dir, "d.json", "{\"class\": \"message\", \"car\": \"" + notGzip + "\"}")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("not valid gzip");
        String gz = gzipBase64(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> reader.read(write(
                        dir, "e.json", "{\"class\": \"message\", \"car\": \"" + gz + "\", \"preconditions\": {}}")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("missing field \"variants\"");
        assertThatThrownBy(() -> reader.read(write(dir, "f.json", "{\"class\": \"tipset\"}")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("unsupported vector class");
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.json")))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageContaining("missing.json");
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String gzipBase64(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
