package org.fvmreplay.fvm.wasm;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Varint;
import org.fvmreplay.ipld.model.IpldValue;

/**
 * TEMPORARY, test scope only: minimal CARv1 reading of an actor bundle (.tar.zst of .car files) until the project's CAR
 * reader (being written on another branch) is available. Reads the manifest root as a DAG-CBOR list of [name, code CID].
 */
public final class TemporaryCarReader {
    private TemporaryCarReader() {}

    /** Actor name to raw WASM code, in manifest order, for the named CAR inside the bundle. */
    public static Map<String, byte[]> actorCode(Path bundle, String carName) throws IOException {
        byte[] car = null;
        try (InputStream in =
                new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(Files.newInputStream(bundle))))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(carName)) {
                    car = tar.readAllBytes();
                    break;
                }
            }
        }
        if (car == null) {
            throw new IOException(carName + " not found in " + bundle);
        }
        int position = 0;
        long headerLength = Varint.read(car, position, car.length);
        position += Varint.size(headerLength);
        IpldValue header = DagCbor.decode(java.util.Arrays.copyOfRange(car, position, position + (int) headerLength));
        position += (int) headerLength;
        Cid root = ((IpldValue.Link) ((IpldValue.ListValue)
                                ((IpldValue.MapValue) header).entries().get("roots"))
                        .values()
                        .get(0))
                .cid();
        Map<Cid, byte[]> blocks = new HashMap<>();
        while (position < car.length) {
            long length = Varint.read(car, position, car.length);
            position += Varint.size(length);
            Cid cid = Cid.read(car, position, position + (int) length);
            byte[] data = java.util.Arrays.copyOfRange(car, position + cid.byteLength(), position + (int) length);
            blocks.put(cid, data);
            position += (int) length;
        }
        IpldValue manifest = DagCbor.decode(blocks.get(root));
        if (manifest instanceof IpldValue.ListValue list
                && list.values().size() == 2
                && list.values().get(1) instanceof IpldValue.Link link) {
            // versioned bundle root: [version, link to the manifest data]
            manifest = DagCbor.decode(blocks.get(link.cid()));
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (IpldValue entry : ((IpldValue.ListValue) manifest).values()) {
            List<IpldValue> pair = ((IpldValue.ListValue) entry).values();
            String name = ((IpldValue.Text) pair.get(0)).value();
            Cid code = ((IpldValue.Link) pair.get(1)).cid();
            result.put(name, blocks.get(code));
        }
        return result;
    }
}
