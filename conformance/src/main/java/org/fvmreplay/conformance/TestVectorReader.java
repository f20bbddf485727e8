package org.fvmreplay.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.fvmreplay.ipld.cid.Cid;

/** Reads conformance vector JSON files into {@link TestVector}s, naming the file and field on any problem. */
public final class TestVectorReader {
    /** The gzip CAR of a vector is small; refuse absurd sizes rather than exhausting memory. */
    private static final long MAX_CAR_BYTES = 1L << 30;

    private final ObjectMapper mapper = new ObjectMapper()
            // circulating supply exceeds 64 bits; doubles would lose precision
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** Reads one vector file. */
    public TestVector read(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new VectorFormatException(
                    file,
                    "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new VectorFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new VectorFormatException(file, "not a JSON object");
        }
        Fields f = new Fields(file);
        String vectorClass = f.text(root, "class");
        if (!vectorClass.equals("message")) {
            throw new VectorFormatException(
                    file, "unsupported vector class \"" + vectorClass + "\" (only \"message\")");
        }
        JsonNode meta = root.path("_meta");
        String id = meta.hasNonNull("id")
                ? meta.get("id").asText()
                : file.getFileName().toString();
        Map<String, String> selector = new LinkedHashMap<>();
        root.path("selector")
                .fields()
                .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));

        byte[] car = gunzip(file, f.base64(root, "car"));

        JsonNode pre = f.object(root, "preconditions");
        List<TestVector.Variant> variants = new ArrayList<>();
        for (JsonNode v : f.array(pre, "variants")) {
            variants.add(new TestVector.Variant(
                    f.text(v, "id"),
                    f.integer(v, "epoch").longValueExact(),
                    f.integer(v, "nv").intValueExact()));
        }
        TestVector.Preconditions preconditions = new TestVector.Preconditions(
                f.cid(f.object(pre, "state_tree"), "root_cid"),
                f.optionalInteger(pre, "basefee"),
                f.optionalInteger(pre, "circ_supply"),
                variants);

        List<TestVector.ApplyMessage> messages = new ArrayList<>();
        for (JsonNode m : f.array(root, "apply_messages")) {
            Optional<Long> offset = f.optionalInteger(m, "epoch_offset").map(BigInteger::longValueExact);
            messages.add(new TestVector.ApplyMessage(f.base64(m, "bytes"), offset));
        }

        JsonNode post = f.object(root, "postconditions");
        List<TestVector.Receipt> receipts = new ArrayList<>();
        for (JsonNode r : f.array(post, "receipts")) {
            byte[] ret = r.hasNonNull("return") ? f.base64(r, "return") : new byte[0];
            receipts.add(new TestVector.Receipt(
                    f.integer(r, "exit_code").longValueExact(),
                    ret,
                    f.integer(r, "gas_used").longValueExact()));
        }
        List<Cid> receiptsRoots = new ArrayList<>();
        if (post.has("receipts_roots")) {
            for (JsonNode c : f.array(post, "receipts_roots")) {
                receiptsRoots.add(f.cidValue(c, "receipts_roots"));
            }
        }
        TestVector.Postconditions postconditions =
                new TestVector.Postconditions(f.cid(f.object(post, "state_tree"), "root_cid"), receipts, receiptsRoots);

        List<TestVector.Randomness> randomness = new ArrayList<>();
        if (root.has("randomness")) {
            for (JsonNode r : f.array(root, "randomness")) {
                JsonNode on = r.path("on");
                if (!on.isArray() || on.size() < 2) {
                    throw new VectorFormatException(file, "randomness entry \"on\" must be [kind, epoch, ...]");
                }
                randomness.add(
                        new TestVector.Randomness(on.get(0).asText(), on.get(1).asLong(), f.base64(r, "ret")));
            }
        }
        if (messages.isEmpty()) {
            throw new VectorFormatException(file, "no apply_messages");
        }
        return new TestVector(file, id, selector, car, preconditions, messages, postconditions, randomness);
    }

    private static byte[] gunzip(Path file, byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(gz.length * 4);
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_CAR_BYTES) {
                    throw new VectorFormatException(file, "embedded CAR inflates beyond " + MAX_CAR_BYTES + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new VectorFormatException(file, "field \"car\" is not valid gzip: " + e.getMessage(), e);
        }
    }

    /** Field access that names the file and field in every error. */
    private record Fields(Path file) {
        JsonNode field(JsonNode parent, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                throw new VectorFormatException(file, "missing field \"" + name + "\"");
            }
            return n;
        }

        JsonNode object(JsonNode parent, String name) {
            JsonNode n = field(parent, name);
            if (!n.isObject()) {
                throw new VectorFormatException(file, "field \"" + name + "\" must be an object");
            }
            return n;
        }

        Iterable<JsonNode> array(JsonNode parent, String name) {
            JsonNode n = field(parent, name);
            if (!n.isArray()) {
                throw new VectorFormatException(file, "field \"" + name + "\" must be an array");
            }
            return n;
        }

        String text(JsonNode parent, String name) {
            JsonNode n = field(parent, name);
            if (!n.isTextual()) {
                throw new VectorFormatException(file, "field \"" + name + "\" must be a string");
            }
            return n.asText();
        }

        BigInteger integer(JsonNode parent, String name) {
            JsonNode n = field(parent, name);
            if (!n.isIntegralNumber()) {
                throw new VectorFormatException(file, "field \"" + name + "\" must be an integer, got " + n);
            }
            return n.bigIntegerValue();
        }

        Optional<BigInteger> optionalInteger(JsonNode parent, String name) {
            return parent.hasNonNull(name) ? Optional.of(integer(parent, name)) : Optional.empty();
        }

        byte[] base64(JsonNode parent, String name) {
            try {
                return Base64.getDecoder().decode(text(parent, name));
            } catch (IllegalArgumentException e) {
                throw new VectorFormatException(file, "field \"" + name + "\" is not base64: " + e.getMessage());
            }
        }

        Cid cid(JsonNode parent, String name) {
            return cidValue(field(parent, name), name);
        }

        Cid cidValue(JsonNode node, String name) {
            JsonNode link = node.get("/");
            if (link == null || !link.isTextual()) {
                throw new VectorFormatException(file, "field \"" + name + "\" must be a CID as {\"/\": \"...\"}");
            }
            try {
                return Cid.parse(link.asText());
            } catch (IllegalArgumentException e) {
                throw new VectorFormatException(file, "field \"" + name + "\" holds a bad CID: " + e.getMessage());
            }
        }
    }

    /** Reads every {@code *.json} file under {@code root} (a file or a folder), sorted by path. */
    public static List<Path> findVectorFiles(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }
}
