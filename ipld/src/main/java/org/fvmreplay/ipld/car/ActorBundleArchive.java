package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A builtin-actors release archive ({@code vN.tar.zst}): a zstd-compressed tar holding one CARv1 per
 * network, named {@code builtin-actors-<network>.car}. The VM loads actor bundles through it.
 */
public final class ActorBundleArchive {
    private static final String PREFIX = "builtin-actors-";
    private static final String SUFFIX = ".car";
    /** The largest bundle CAR is about 8 MiB; anything far beyond is not a bundle. */
    private static final long MAX_ENTRY_SIZE = 256L << 20;

    private final String source;
    private final Map<String, byte[]> cars;

    private ActorBundleArchive(String source, Map<String, byte[]> cars) {
        this.source = source;
        this.cars = cars;
    }

    /** Receives each bundle CAR of an archive as a stream, without holding the others in memory. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(String network, String sourceName, InputStream car) throws IOException;
    }

    /** Reads the whole archive into memory. */
    public static ActorBundleArchive read(Path archive) {
        Map<String, byte[]> cars = new TreeMap<>();
        forEachCar(archive, (network, name, car) -> cars.put(network, car.readAllBytes()));
        return new ActorBundleArchive(archive.toString(), Map.copyOf(cars));
    }

    /** Streams every {@code builtin-actors-*.car} entry in archive order; other entries are skipped. */
    public static void forEachCar(Path archive, EntryVisitor visitor) {
        requireNonNull(archive, "archive");
        requireNonNull(visitor, "visitor");
        String source = archive.toString();
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(file, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, source)) != null) {
                String name = fileName(entry.getName());
                if (!entry.isFile() || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
                    continue;
                }
                if (entry.getSize() > MAX_ENTRY_SIZE) {
                    throw new CarFormatException(
                            source,
                            tar.getBytesRead(),
                            "tar entry " + entry.getName() + " claims " + entry.getSize()
                                    + " bytes, far more than any actor bundle");
                }
                String network = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                visitor.visit(network, source + "!" + entry.getName(), tar);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("actor bundle archive not found: " + source, e);
        } catch (IOException e) {
            throw new CarFormatException(source, -1, "cannot read the zstd tar archive: " + e.getMessage(), e);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String source) {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new CarFormatException(source, tar.getBytesRead(), "bad tar entry: " + e.getMessage(), e);
        }
    }

    private static String fileName(String entryName) {
        int slash = entryName.lastIndexOf('/');
        return slash >= 0 ? entryName.substring(slash + 1) : entryName;
    }

    /** Networks in this archive, in name order ("mainnet", "calibrationnet", ...). */
    public java.util.Set<String> networks() {
        return new java.util.TreeSet<>(cars.keySet());
    }

    /** The raw CARv1 bytes of a network's bundle (a copy). */
    public byte[] carBytes(String network) {
        byte[] car = cars.get(requireNonNull(network, "network"));
        if (car == null) {
            throw new IllegalArgumentException(
                    source + " has no bundle for network '" + network + "'; it has " + networks());
        }
        return car.clone();
    }

    /** A reader over a network's bundle CAR, verifying every block. */
    public CarReader open(String network) {
        return CarReader.open(new ByteArrayInputStream(carBytes(network)), source + "!" + PREFIX + network + SUFFIX);
    }

    public String source() {
        return source;
    }
}
