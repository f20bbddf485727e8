package org.fvmreplay.fvm.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.PriceLists;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.fvm.trace.GasTrace;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link scan of FIP-0071: ref-fvm's {@code fvm/src/ipld/mod.rs} unit tests (the price list altered so that one field
 * costs 1 gas and one CID 2^16 gas, and the tracker given exactly the gas the expected scan needs, so a scan that visits
 * other fields or CIDs than expected either runs out of gas or leaves gas over) and the error cases of {@code cbor.rs}.
 */
class LinkScannerTest {
    private static final long PER_FIELD = 1;
    private static final long PER_CID = 1 << 16;

    private static PriceList prices;

    @BeforeAll
    static void prices(@TempDir Path dir) throws IOException {
        Path overrides = dir.resolve("scan-prices.json");
        Files.writeString(
                overrides,
                "{\"prices\": {\"ipld_cbor_scan_per_field\": " + PER_FIELD + ", \"ipld_cbor_scan_per_cid\": " + PER_CID
                        + "}}");
        prices = PriceLists.withOverrides(PriceLists.forNetworkVersion(21), overrides);
        assertThat(prices.onScanIpldLinks(1, 0).totalMilligas()).isEqualTo(1_000);
        assertThat(prices.onScanIpldLinks(0, 1).totalMilligas()).isEqualTo(65_536_000);
    }

    /** The reference's {@code scan_for_links}: the scan must use exactly {@code fields} fields and {@code cids} CIDs worth of gas. */
    private static List<Cid> scanForLinks(long codec, byte[] data, long fields, long cids) {
        GasTracker tracker =
                new GasTracker(GasTracker.gasToMilligas(PER_FIELD * fields + PER_CID * cids), GasTrace.disabled());
        try {
            return LinkScanner.scan(codec, data, prices, tracker);
        } finally {
            assertThat(tracker.available()).as("gas left after the scan").isZero();
        }
    }

    /** fvm's {@code struct Test(u64, Cid, u64)} as DAG-CBOR: a 3-tuple. */
    private static byte[] testTuple(Cid cid) {
        return new CborWriter(64)
                .writeArrayHeader(3)
                .writeHead(0, 0)
                .writeCid(cid)
                .writeHead(0, 1)
                .toByteArray();
    }

    private static Cid blake2b(long codec, String data) {
        return Cid.compute(codec, MultihashCode.BLAKE2B_256, data.getBytes(StandardCharsets.UTF_8));
    }

    private static GasTracker plentyOfGas() {
        return new GasTracker(GasTracker.gasToMilligas(10_000_000), GasTrace.disabled());
    }

    private static void assertSyscallError(Runnable scan, int errorNumber) {
        assertThatThrownBy(scan::run).isInstanceOfSatisfying(ExecutionError.class, e -> {
            assertThat(e.kind()).isEqualTo(ExecutionError.Kind.SYSCALL);
            assertThat(e.errorNumber()).as("error number of: " + e.getMessage()).isEqualTo(errorNumber);
        });
    }

    @Test
    void skipRaw() {
        assertThat(scanForLinks(Block.RAW, new byte[] {1, 2, 3}, 0, 0)).isEmpty();
    }

    @Test
    void basicCbor() {
        Cid testCid = blake2b(Multicodec.RAW, "foobar");
        byte[] data = testTuple(testCid);

        assertThat(scanForLinks(Block.DAG_CBOR, data, 4, 1)).containsExactly(testCid);
        // plain CBOR and raw blocks have no links, and are not scanned (no gas)
        assertThat(scanForLinks(Block.CBOR, data, 0, 0)).isEmpty();
        assertThat(scanForLinks(Block.RAW, data, 0, 0)).isEmpty();
        // four fields' gas but none for the CID
        assertThatThrownBy(() -> scanForLinks(Block.DAG_CBOR, data, 4, 0))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.kind()).isEqualTo(ExecutionError.Kind.OUT_OF_GAS));
    }

    @Test
    void recursiveCborThroughAnIdentityCid() {
        Cid testCid = blake2b(Multicodec.RAW, "foobar");
        byte[] inlined = testTuple(testCid);
        Cid inlineCid = Cid.v1(Multicodec.DAG_CBOR, Multihash.of(MultihashCode.IDENTITY, inlined));
        byte[] data = testTuple(inlineCid);

        // the identity CID itself is not returned, the CID inside it is
        assertThat(scanForLinks(Block.DAG_CBOR, data, 8, 2)).containsExactly(testCid);
    }

    @Test
    void ignoresPieces() {
        Cid unsealed = blake2b(Multicodec.FIL_COMMITMENT_UNSEALED, "foobar");
        assertThat(scanForLinks(Block.DAG_CBOR, testTuple(unsealed), 4, 1)).isEmpty();
        // sealed commitments too, and their hash is not checked
        Cid sealed = Cid.compute(Multicodec.FIL_COMMITMENT_SEALED, MultihashCode.SHA2_256, new byte[] {1});
        assertThat(scanForLinks(Block.DAG_CBOR, testTuple(sealed), 4, 1)).isEmpty();
    }

    @Test
    void runningOutOfGasMidScanChargesAllAvailableGas() {
        GasTrace trace = GasTrace.enabled();
        // 3 fields and a CID are needed to reach the CID: give 3 fields and half a CID
        long available = GasTracker.gasToMilligas(3 * PER_FIELD + PER_CID / 2);
        GasTracker tracker = new GasTracker(available, trace);
        byte[] data = testTuple(blake2b(Multicodec.RAW, "foobar"));

        assertThatThrownBy(() -> LinkScanner.scan(Block.DAG_CBOR, data, prices, tracker))
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.kind()).isEqualTo(ExecutionError.Kind.OUT_OF_GAS));
        assertThat(tracker.used()).isEqualTo(available);
        assertThat(trace.entries())
                .containsExactly(new TraceEntry.GasCharged(
                        "OnScanIpldLinks",
                        available,
                        0,
                        ((TraceEntry.GasCharged) trace.entries().get(0)).elapsedNanos()));
    }

    @Test
    void successfulScanChargesOneOnScanIpldLinksOfWhatItUsed() {
        GasTrace trace = GasTrace.enabled();
        GasTracker tracker = new GasTracker(GasTracker.gasToMilligas(1_000_000), trace);
        Cid a = blake2b(Multicodec.RAW, "a");
        Cid b = blake2b(Multicodec.DAG_CBOR, "b");
        // {"x": [a, b], "y": h'0102'}: map + key + array + 2 tags + key + bytes = 7 fields, 2 CIDs
        byte[] data = new CborWriter(128)
                .writeMapHeader(2)
                .writeText("x")
                .writeArrayHeader(2)
                .writeCid(a)
                .writeCid(b)
                .writeText("y")
                .writeBytes(new byte[] {1, 2})
                .toByteArray();

        assertThat(LinkScanner.scan(Block.DAG_CBOR, data, prices, tracker)).containsExactly(a, b);
        assertThat(tracker.used()).isEqualTo(GasTracker.gasToMilligas(7 * PER_FIELD + 2 * PER_CID));
        assertThat(trace.charges())
                .containsExactly("OnScanIpldLinks " + GasTracker.gasToMilligas(7 * PER_FIELD + 2 * PER_CID));
    }

    @Test
    void linkWithAForbiddenCodecIsNotFound() {
        byte[] data = testTuple(blake2b(Multicodec.DAG_PB, "foobar"));
        assertSyscallError(() -> LinkScanner.scan(Block.DAG_CBOR, data, prices, plentyOfGas()), ErrorNumber.NOT_FOUND);
    }

    @Test
    void linkHashedWithSha256IsNotFound() {
        byte[] data = testTuple(
                Cid.compute(Multicodec.RAW, MultihashCode.SHA2_256, "foobar".getBytes(StandardCharsets.UTF_8)));
        assertSyscallError(() -> LinkScanner.scan(Block.DAG_CBOR, data, prices, plentyOfGas()), ErrorNumber.NOT_FOUND);
    }

    @Test
    void linkWithATruncatedBlake2bDigestIsNotFound() {
        byte[] digest = new byte[20];
        byte[] data = testTuple(Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.BLAKE2B_256, digest)));
        assertSyscallError(() -> LinkScanner.scan(Block.DAG_CBOR, data, prices, plentyOfGas()), ErrorNumber.NOT_FOUND);
    }

    @Test
    void identityCidWithAForbiddenLinkInsideIsNotFound() {
        byte[] inlined = testTuple(blake2b(Multicodec.DAG_PB, "foobar"));
        byte[] data = testTuple(Cid.v1(Multicodec.DAG_CBOR, Multihash.of(MultihashCode.IDENTITY, inlined)));
        assertSyscallError(() -> LinkScanner.scan(Block.DAG_CBOR, data, prices, plentyOfGas()), ErrorNumber.NOT_FOUND);
    }

    @Test
    void malformedCborIsASerializationError() {
        // an array of three items holding one
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, new byte[] {(byte) 0x83, 0x00}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        // additional information 28 is reserved
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, new byte[] {0x1c}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        // a byte string longer than the block
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, new byte[] {0x45, 1, 2}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        // tag 42 around a text string, and around a byte string without the 0x00 prefix
        assertSyscallError(
                () -> LinkScanner.scan(
                        Block.DAG_CBOR, new byte[] {(byte) 0xd8, 0x2a, 0x61, 0x00}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        assertSyscallError(
                () -> LinkScanner.scan(
                        Block.DAG_CBOR, new byte[] {(byte) 0xd8, 0x2a, 0x41, 0x01}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        // the empty block
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, new byte[0], prices, plentyOfGas()), ErrorNumber.SERIALIZATION);
    }

    @Test
    void trailingBytesAreASerializationError() {
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, new byte[] {0x01, 0x02}, prices, plentyOfGas()),
                ErrorNumber.SERIALIZATION);
        // bytes after the CID inside its tag-42 byte string
        Cid cid = blake2b(Multicodec.RAW, "foobar");
        byte[] cidBytes = cid.toBytes();
        byte[] padded = new byte[cidBytes.length + 2];
        System.arraycopy(cidBytes, 0, padded, 1, cidBytes.length);
        byte[] data = new CborWriter(64).writeHead(6, 42).writeBytes(padded).toByteArray();
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, data, prices, plentyOfGas()), ErrorNumber.SERIALIZATION);
    }

    @Test
    void identityDigestOver64BytesIsASerializationError() {
        byte[] data64 = testTuple(Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, new byte[64])));
        assertThat(LinkScanner.scan(Block.DAG_CBOR, data64, prices, plentyOfGas()))
                .isEmpty();

        byte[] data65 = testTuple(Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, new byte[65])));
        assertSyscallError(
                () -> LinkScanner.scan(Block.DAG_CBOR, data65, prices, plentyOfGas()), ErrorNumber.SERIALIZATION);
    }

    @Test
    void onlyRawCborAndDagCborAreAllowedCodecs() {
        assertThat(LinkScanner.isAllowedCodec(0x55)).isTrue();
        assertThat(LinkScanner.isAllowedCodec(0x51)).isTrue();
        assertThat(LinkScanner.isAllowedCodec(0x71)).isTrue();
        assertThat(LinkScanner.isAllowedCodec(0x70)).isFalse();
        assertThat(LinkScanner.isAllowedCodec(0x0129)).isFalse();
        assertSyscallError(
                () -> LinkScanner.scan(0x70, new byte[] {0x0a}, prices, plentyOfGas()), ErrorNumber.ILLEGAL_CODEC);
    }
}
