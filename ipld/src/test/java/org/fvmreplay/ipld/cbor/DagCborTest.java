package org.fvmreplay.ipld.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DagCborTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void roundTripsEveryKindOfValue() {
        Map<String, IpldValue> map = new LinkedHashMap<>();
        map.put("bb", IpldValue.Int.of(-1));
        map.put("a", new IpldValue.Bytes(new byte[] {1, 2}));
        map.put("c", IpldValue.Null.INSTANCE);
        IpldValue value = new IpldValue.ListValue(List.of(
                IpldValue.Int.of(0),
                IpldValue.Int.of(23),
                IpldValue.Int.of(24),
                IpldValue.Int.of(65536),
                new IpldValue.Int(new BigInteger("18446744073709551615")),
                new IpldValue.Int(new BigInteger("-18446744073709551616")),
                new IpldValue.Text("héllo"),
                new IpldValue.Bool(true),
                new IpldValue.Float(1.5),
                new IpldValue.Link(Cid.forDagCbor(hex("80"))),
                new IpldValue.MapValue(map)));
        byte[] encoded = DagCbor.encode(value);
        assertThat(DagCbor.decode(encoded)).isEqualTo(value);
        assertThat(DagCbor.encode(DagCbor.decode(encoded))).isEqualTo(encoded);
    }

    @Test
    void encodesCanonicalBytes() {
        assertThat(DagCbor.encode(IpldValue.Int.of(500))).isEqualTo(hex("1901f4"));
        assertThat(DagCbor.encode(IpldValue.Int.of(-500))).isEqualTo(hex("3901f3"));
        Map<String, IpldValue> m = new LinkedHashMap<>();
        m.put("bb", IpldValue.Int.of(1));
        m.put("a", IpldValue.Int.of(2));
        m.put("c", IpldValue.Int.of(3));
        // length-first key order: "a", "c", then "bb"
        assertThat(DagCbor.encode(new IpldValue.MapValue(m))).isEqualTo(hex("a3 6161 02 6163 03 626262 01"));
        Cid cid = Cid.forDagCbor(hex("80"));
        byte[] link = DagCbor.encode(new IpldValue.Link(cid));
        assertThat(link[0] & 0xFF).isEqualTo(0xD8);
        assertThat(link[1]).isEqualTo((byte) 42);
        // byte string head (0x58, length) then the 0x00 multibase prefix
        assertThat(link[2] & 0xFF).isEqualTo(0x58);
        assertThat(link[4]).isZero();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "9f01ff, indefinite-length",
        "1817, non-minimal integer",
        "190017, non-minimal integer",
        "a2616201616101, not in canonical order",
        "a2616101616102, duplicate map key",
        "a1 01 02, map keys must be text",
        "c1 00, tag 1 is not allowed",
        "d82a 43 01 7112, must start with the 0x00",
        "fa3fc00000, floats must be 64-bit",
        "f97e00, floats must be 64-bit",
        "fb7ff8000000000000, NaN",
        "f7, undefined",
        "62c328, not valid UTF-8",
        "0102, trailing bytes",
        "5a00010000, exceeds the",
        "8301, exceeds the input",
        "1901, unexpected end of input",
        "1c, reserved additional information",
    })
    void strictDecodingRejects(String input, String message) {
        assertThatThrownBy(() -> DagCbor.decode(hex(input)))
                .isInstanceOf(CborException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("at byte");
    }

    @Test
    void lenientDecodingReadsNonCanonicalButWellFormedInput() {
        assertThat(DagCbor.decodeLenient(hex("1817"))).isEqualTo(IpldValue.Int.of(23));
        assertThat(DagCbor.decodeLenient(hex("a2616201616102"))).isInstanceOf(IpldValue.MapValue.class);
        assertThat(DagCbor.decodeLenient(hex("fa3fc00000"))).isEqualTo(new IpldValue.Float(1.5));
        assertThatThrownBy(() -> DagCbor.decodeLenient(hex("9f01ff"))).isInstanceOf(CborException.class);
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() {
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 0x81);
        assertThatThrownBy(() -> DagCbor.decode(deep))
                .isInstanceOf(CborException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void collectsLinksInOrder() {
        Cid a = Cid.forDagCbor(hex("80"));
        Cid b = Cid.forDagCbor(hex("824080"));
        byte[] block = DagCbor.encode(new IpldValue.ListValue(List.of(
                new IpldValue.Link(a), IpldValue.Int.of(5), new IpldValue.ListValue(List.of(new IpldValue.Link(b))))));
        List<Cid> links = new java.util.ArrayList<>();
        DagCbor.forEachLink(block, links::add);
        assertThat(links).containsExactly(a, b);
    }

    @Test
    void readerChecksTupleArity() {
        CborReader r = CborReader.strict(hex("8201 02"));
        assertThatThrownBy(() -> r.readArrayHeader(3)).hasMessageContaining("tuple of 3 fields but found 2");
    }
}
