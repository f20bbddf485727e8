package org.fvmreplay.fvm.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fvmreplay.fvm.testing.SharedData;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.model.IpldValue;

/** Every actor code of every bundle in ../shared/actors, deduplicated by code CID. */
public final class ActorCodeCorpus {
    /** One actor code with where it was first seen. */
    public record ActorCode(Cid cid, String name, String origin, byte[] wasm) {}

    private static volatile Map<Cid, ActorCode> all;

    private ActorCodeCorpus() {}

    public static synchronized Map<Cid, ActorCode> all() {
        if (all == null) {
            all = load();
        }
        return all;
    }

    /** The code of {@code actor} (e.g. "storageminer") in the given bundle's network. */
    public static ActorCode find(String bundle, String network, String actor) {
        String origin = bundle + "/" + network;
        return all().values().stream()
                .filter(code -> code.name().equals(actor) && code.origin().equals(origin))
                .findFirst()
                .orElseGet(() -> loadOne(bundle, network, actor));
    }

    private static ActorCode loadOne(String bundle, String network, String actor) {
        Path archive = SharedData.root().resolve("actors").resolve(bundle + ".tar.zst");
        Map<Cid, ActorCode> codes = new TreeMap<>();
        readNetwork(ActorBundleArchive.read(archive), bundle, network, codes, true);
        return codes.values().stream()
                .filter(code -> code.name().equals(actor))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no actor " + actor + " in " + bundle + "/" + network));
    }

    private static Map<Cid, ActorCode> load() {
        Map<Cid, ActorCode> codes = new TreeMap<>();
        List<Path> archives;
        try (Stream<Path> files = Files.list(SharedData.root().resolve("actors"))) {
            archives = files.filter(path -> path.getFileName().toString().endsWith(".tar.zst"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path archive : archives) {
            ActorBundleArchive bundle = ActorBundleArchive.read(archive);
            String version = archive.getFileName().toString().replace(".tar.zst", "");
            for (String network : bundle.networks()) {
                readNetwork(bundle, version, network, codes, false);
            }
        }
        return Map.copyOf(codes);
    }

    private static void readNetwork(
            ActorBundleArchive bundle, String version, String network, Map<Cid, ActorCode> codes, boolean replace) {
        Map<Cid, byte[]> blocks = new HashMap<>();
        List<Cid> roots;
        try (CarReader reader =
                CarReader.open(new ByteArrayInputStream(bundle.carBytes(network)), version + "/" + network)) {
            roots = reader.roots();
            for (CarBlock block : reader.readAll()) {
                blocks.put(block.cid(), block.data());
            }
        }
        IpldValue manifest = DagCbor.decode(blocks.get(roots.get(0)));
        if (manifest instanceof IpldValue.ListValue list
                && list.values().size() == 2
                && list.values().get(1) instanceof IpldValue.Link link) {
            // versioned manifest: [version, link to the [name, code] list]
            manifest = DagCbor.decode(blocks.get(link.cid()));
        }
        for (IpldValue entry : ((IpldValue.ListValue) manifest).values()) {
            List<IpldValue> pair = ((IpldValue.ListValue) entry).values();
            String name = ((IpldValue.Text) pair.get(0)).value();
            Cid cid = ((IpldValue.Link) pair.get(1)).cid();
            byte[] wasm = blocks.get(cid);
            if (wasm == null) {
                throw new IllegalStateException(
                        version + "/" + network + ": code block " + cid + " of " + name + " missing");
            }
            if (replace || !codes.containsKey(cid)) {
                codes.put(cid, new ActorCode(cid, name, version + "/" + network, wasm));
            }
        }
    }

    /** A deterministic sample: every {@code stride}-th code in CID order. */
    public static List<ActorCode> sample(int stride) {
        List<ActorCode> result = new ArrayList<>();
        int index = 0;
        for (ActorCode code : all().values()) {
            if (index++ % stride == 0) {
                result.add(code);
            }
        }
        return result;
    }
}
