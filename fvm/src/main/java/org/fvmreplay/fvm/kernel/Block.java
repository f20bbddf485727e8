package org.fvmreplay.fvm.kernel;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/**
 * An IPLD block held by an invocation: codec, bytes and (from FVM v4 on) the links a scan of it found, which become
 * reachable to whoever receives the block (never modified once created).
 */
public record Block(long codec, byte[] data, List<Cid> links) {
    public static final long CBOR = 0x51;
    public static final long DAG_CBOR = 0x71;
    public static final long RAW = 0x55;

    public Block {
        requireNonNull(data, "data is null");
        links = List.copyOf(requireNonNull(links, "links is null"));
    }

    /** A block without tracked links (FVM v2 and v3 do not scan blocks; CBOR and raw blocks have none). */
    public Block(long codec, byte[] data) {
        this(codec, data, List.of());
    }

    public int size() {
        return data.length;
    }
}
