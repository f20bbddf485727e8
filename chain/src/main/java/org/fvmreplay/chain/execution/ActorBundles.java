package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Actor bundles found by manifest CID in a folder of {@code vN.tar.zst} archives (as {@code ../shared/actors}): what a
 * migration needs when the store holds the state but not the new bundle, as a chain export does not. Every network
 * CAR of every archive is looked at (mainnet, calibnet, devnet, testing, testing-fake-proofs, ...); found bundles stay
 * in memory. Thread-safe.
 */
public final class ActorBundles {
    private final Path directory;
    private final Map<Cid, List<CarBlock>> found = new ConcurrentHashMap<>();

    /**
     * The {@code actors} folder of bundle archives ({@code *.tar.zst}) beside {@code file} or beside one of its parents,
     * nearest first: where a shared chain's {@code manifest.json} finds {@code ../shared/actors}.
     */
    public static Optional<Path> folderNear(Path file) {
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("actors");
            if (Files.isDirectory(candidate)) {
                try (Stream<Path> list = Files.list(candidate)) {
                    if (list.anyMatch(p -> p.getFileName().toString().endsWith(".tar.zst"))) {
                        return Optional.of(candidate);
                    }
                } catch (IOException e) {
                    // an unreadable folder holds no bundle we could use: look further up
                }
            }
        }
        return Optional.empty();
    }

    public ActorBundles(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public Path directory() {
        return directory;
    }

    /**
     * Copies the blocks of the bundle whose manifest is {@code manifest} into {@code store}; empty when no archive has it.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public boolean loadInto(Blockstore store, Cid manifest) {
        requireNonNull(store, "store is null");
        requireNonNull(manifest, "manifest is null");
        Optional<List<CarBlock>> blocks = find(manifest);
        blocks.ifPresent(list -> list.forEach(b -> store.put(b.cid(), b.data())));
        return blocks.isPresent();
    }

    private Optional<List<CarBlock>> find(Cid manifest) {
        List<CarBlock> cached = found.get(manifest);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Path> archives;
        try (Stream<Path> files = Files.list(directory)) {
            archives = files.filter(p -> p.getFileName().toString().endsWith(".tar.zst"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list actor bundles in " + directory + ": " + e.getMessage(), e);
        }
        for (Path archive : archives) {
            ActorBundleArchive bundle = ActorBundleArchive.read(archive);
            for (String network : bundle.networks()) {
                try (CarReader reader = bundle.open(network)) {
                    if (reader.roots().contains(manifest)) {
                        List<CarBlock> blocks = reader.readAll();
                        found.put(manifest, blocks);
                        return Optional.of(blocks);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
