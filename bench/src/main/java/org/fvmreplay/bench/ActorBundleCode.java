package org.fvmreplay.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;

/** Actor code (name to code CID and raw WASM) of one network of an actor bundle archive, for benchmarks. */
final class ActorBundleCode {
    record Code(Cid cid, byte[] wasm) {}

    private ActorBundleCode() {}

    static Map<String, Code> load(Path archive, String network) {
        Map<Cid, byte[]> blocks = new HashMap<>();
        List<Cid> roots;
        ActorBundleArchive bundle = ActorBundleArchive.read(archive);
        try (CarReader reader =
                CarReader.open(new ByteArrayInputStream(bundle.carBytes(network)), archive + "/" + network)) {
            roots = reader.roots();
            for (CarBlock block : reader.readAll()) {
                blocks.put(block.cid(), block.data());
            }
        }
        IpldValue manifest = DagCbor.decode(blocks.get(roots.get(0)));
        if (manifest instanceof IpldValue.ListValue list
                && list.values().size() == 2
                && list.values().get(1) instanceof IpldValue.Link link) {
            manifest = DagCbor.decode(blocks.get(link.cid()));
        }
        Map<String, Code> codes = new LinkedHashMap<>();
        for (IpldValue entry : ((IpldValue.ListValue) manifest).values()) {
            List<IpldValue> pair = ((IpldValue.ListValue) entry).values();
            Cid cid = ((IpldValue.Link) pair.get(1)).cid();
            codes.put(((IpldValue.Text) pair.get(0)).value(), new Code(cid, blocks.get(cid)));
        }
        return codes;
    }
}
