package org.fvmreplay.fvm.ipld;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.gas.GasCharge;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.kernel.Block;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.ExecutionError;
import org.fvmreplay.fvm.kernel.GasTracker;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Finds the links of a block that FVM v4 tracks for reachability (FIP-0071; ref-fvm {@code fvm/src/ipld/mod.rs} and
 * {@code cbor.rs}): only DAG-CBOR is scanned, CBOR and raw have no links, identity CIDs are scanned recursively and not
 * returned, sealed and unsealed sector commitments are ignored, any other codec or a hash other than 32-byte
 * blake2b-256 is {@code NotFound}. Malformed DAG-CBOR is {@code Serialization}.
 * <p>
 * Gas: each CBOR header read and each tag-42 CID costs the price list's scan prices; the scan stops with out of gas as
 * soon as the next step would exceed the gas available, and what it used, up to a failure, is charged as one
 * {@code OnScanIpldLinks} charge before the outcome is reported.
 */
public final class LinkScanner {
    /** Codecs a block may have ({@code ALLOWED_CODECS}). */
    public static boolean isAllowedCodec(long codec) {
        return codec == Block.CBOR || codec == Block.DAG_CBOR || codec == Block.RAW;
    }

    private static final long FIL_COMMITMENT_UNSEALED = 0xf101;
    private static final long FIL_COMMITMENT_SEALED = 0xf102;
    private static final long IDENTITY = 0x00;
    private static final long BLAKE2B_256 = 0xb220;
    private static final int MAX_DIGEST = 64;

    private final long perField;
    private final long perCid;
    private final long available;
    private long remaining;
    private final List<Cid> links = new ArrayList<>();

    private LinkScanner(PriceList prices, long availableMilligas) {
        this.perField = prices.onScanIpldLinks(1, 0).totalMilligas();
        this.perCid = prices.onScanIpldLinks(0, 1).totalMilligas();
        this.available = availableMilligas;
        this.remaining = availableMilligas;
    }

    /**
     * The links of a block of {@code codec}, charging {@code gas} for the scan. Throws {@link ExecutionError} (out of
     * gas, {@code Serialization}, {@code NotFound}, {@code IllegalCodec}) after charging what the scan used.
     */
    public static List<Cid> scan(long codec, byte[] data, PriceList prices, GasTracker gas) {
        requireNonNull(data, "data is null");
        LinkScanner scanner = new LinkScanner(
                requireNonNull(prices, "prices is null"),
                requireNonNull(gas, "gas is null").available());
        ExecutionError failure = null;
        try {
            scanner.scanInner(codec, data, 0, data.length);
        } catch (ExecutionError e) {
            failure = e;
        }
        gas.charge(new GasCharge("OnScanIpldLinks", scanner.available - scanner.remaining, 0));
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(scanner.links);
    }

    private void charge(long milligas) {
        if (remaining < milligas) {
            remaining = 0;
            throw ExecutionError.outOfGas();
        }
        remaining -= milligas;
    }

    private void scanInner(long codec, byte[] data, int from, int to) {
        if (codec == Block.DAG_CBOR) {
            scanDagCbor(data, from, to);
        } else if (codec != Block.RAW && codec != Block.CBOR) {
            throw ExecutionError.syscall(ErrorNumber.ILLEGAL_CODEC, "codec " + codec + " not allowed");
        }
    }

    private void visit(Cid cid) {
        long codec = cid.codec();
        if (codec == FIL_COMMITMENT_UNSEALED || codec == FIL_COMMITMENT_SEALED) {
            return;
        }
        if (!isAllowedCodec(codec)) {
            // a block with this codec cannot exist, so the link is statically unfindable
            throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "block links to CID with forbidden codec " + codec);
        }
        long hash = cid.multihash().code();
        if (hash == IDENTITY) {
            byte[] inline = cid.multihash().digest();
            scanInner(codec, inline, 0, inline.length);
            return;
        }
        if (hash != BLAKE2B_256 || cid.multihash().digestLength() != 32) {
            throw ExecutionError.syscall(
                    ErrorNumber.NOT_FOUND,
                    "block links to CID with forbidden multihash type (code: " + hash + ", len: "
                            + cid.multihash().digestLength() + ")");
        }
        links.add(cid);
    }

    /** Walks the CBOR items without decoding values, as the reference's {@code scan_for_reachable_links}. */
    private void scanDagCbor(byte[] buf, int from, int to) {
        int[] pos = {from};
        long remainingItems = 1;
        while (remainingItems > 0) {
            remainingItems--;
            charge(perField);
            long header = readHeader(buf, pos, to);
            int major = (int) (header >>> 61);
            long extra = header & 0x1FFF_FFFF_FFFF_FFFFL;
            long value = extraValue(buf, pos, to, extra);
            switch (major) {
                case 0, 1, 7 -> {}
                case 2, 3 -> skip(pos, to, value);
                case 6 -> {
                    if (value != 42) {
                        remainingItems++;
                        continue;
                    }
                    charge(perCid);
                    long inner = readHeader(buf, pos, to);
                    long innerValue = extraValue(buf, pos, to, inner & 0x1FFF_FFFF_FFFF_FFFFL);
                    if ((inner >>> 61) != 2) {
                        throw serialization("expected cbor type byte string in input");
                    }
                    if (Long.compareUnsigned(innerValue, to - pos[0]) > 0) {
                        throw serialization("unexpected end of cbor stream");
                    }
                    if (innerValue < 1 || buf[pos[0]] != 0) {
                        throw serialization("DagCBOR CID does not start with a 0x byte");
                    }
                    int start = pos[0] + 1;
                    int end = pos[0] + (int) innerValue;
                    pos[0] = end;
                    visit(readCid(buf, start, end));
                }
                case 4 -> remainingItems = addChecked(remainingItems, value);
                case 5 -> {
                    if (Long.compareUnsigned(value, Long.MAX_VALUE / 2) > 0) {
                        throw serialization("cbor field count overflow");
                    }
                    remainingItems = addChecked(remainingItems, value * 2);
                }
                default -> throw new IllegalStateException("major type " + major);
            }
        }
        if (pos[0] != to) {
            throw serialization((to - pos[0]) + " trailing bytes in CBOR block");
        }
    }

    /** A CID of exactly {@code [start, end)}, with the reference's limits (digests of at most 64 bytes). */
    private static Cid readCid(byte[] buf, int start, int end) {
        Cid cid;
        try {
            cid = Cid.read(buf, start, end);
        } catch (RuntimeException e) {
            throw serialization("invalid cid: " + e.getMessage());
        }
        if (cid.multihash().digestLength() > MAX_DIGEST) {
            throw serialization(
                    "invalid cid: digest of " + cid.multihash().digestLength() + " bytes exceeds " + MAX_DIGEST);
        }
        if (cid.byteLength() != end - start) {
            throw serialization("cid has " + (end - start - cid.byteLength()) + " trailing bytes");
        }
        return cid;
    }

    private static long addChecked(long a, long b) {
        long sum = a + b;
        if (Long.compareUnsigned(sum, a) < 0) {
            throw serialization("cbor field count overflow");
        }
        return sum;
    }

    private static void skip(int[] pos, int to, long length) {
        if (Long.compareUnsigned(length, to - pos[0]) > 0) {
            throw serialization("unexpected end of cbor stream");
        }
        pos[0] += (int) length;
    }

    /** Reads the initial byte: major type in the top 3 bits of the result, the 5-bit additional info below. */
    private static long readHeader(byte[] buf, int[] pos, int to) {
        if (pos[0] >= to) {
            throw serialization("invalid cbor header");
        }
        int first = buf[pos[0]++] & 0xFF;
        return ((long) (first >>> 5) << 61) | (first & 0x1F);
    }

    private static long extraValue(byte[] buf, int[] pos, int to, long low) {
        int bytes;
        if (low <= 23) {
            return low;
        } else if (low == 24) {
            bytes = 1;
        } else if (low == 25) {
            bytes = 2;
        } else if (low == 26) {
            bytes = 4;
        } else if (low == 27) {
            bytes = 8;
        } else {
            throw serialization("invalid cbor header");
        }
        if (to - pos[0] < bytes) {
            throw serialization("invalid cbor header");
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos[0]++] & 0xFF);
        }
        return v;
    }

    private static ExecutionError serialization(String message) {
        return ExecutionError.syscall(ErrorNumber.SERIALIZATION, message);
    }
}
