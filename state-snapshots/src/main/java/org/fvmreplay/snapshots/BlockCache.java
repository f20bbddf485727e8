package org.fvmreplay.snapshots;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fvmreplay.ipld.cid.Cid;

/** A thread-safe LRU cache of block bytes, bounded by the total size of the cached blocks. */
final class BlockCache {
    private final long maxBytes;
    private final LinkedHashMap<Cid, byte[]> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    BlockCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized byte[] get(Cid cid) {
        return entries.get(cid);
    }

    synchronized void put(Cid cid, byte[] data) {
        // a single block larger than an eighth of the cache would evict too much for one hit
        if (maxBytes <= 0 || data.length > maxBytes / 8) {
            return;
        }
        byte[] old = entries.put(cid, data);
        bytes += data.length - (old == null ? 0 : old.length);
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Cid, byte[]> eldest = it.next();
            bytes -= eldest.getValue().length;
            it.remove();
        }
    }
}
