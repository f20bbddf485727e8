package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * Writes a sub-DAG of the store to a CARv1: everything below a state root, or the tipsets of an
 * epoch range with their messages, receipts and parent state (but not the headers before the range).
 * The file appears only when complete (written to a temporary name, then renamed).
 */
public final class CarExporter {
    private final Blockstore blocks;

    public CarExporter(Blockstore blocks) {
        this.blocks = requireNonNull(blocks, "blocks");
    }

    /** What an export wrote. */
    public record Export(Path file, List<Cid> roots, long blocks, long bytes) {
        public Export {
            requireNonNull(file, "file");
            roots = List.copyOf(roots);
        }
    }

    /** Exports the DAG below {@code root} (a state root, or any CID). */
    public Export exportDag(Cid root, Path out) {
        requireNonNull(root, "root");
        return write(List.of(root), List.of(root), true, out);
    }

    /** Exports the tipsets in {@code tipsets} (any order); the CAR's roots are the newest tipset's key. */
    public Export exportTipsets(List<TipsetEntry> tipsets, Path out) {
        requireNonNull(tipsets, "tipsets");
        if (tipsets.isEmpty()) {
            throw new IllegalArgumentException("no tipsets to export: the epoch range holds no indexed tipset");
        }
        List<TipsetEntry> newestFirst = new ArrayList<>(tipsets);
        newestFirst.sort((a, b) -> Long.compare(b.epoch(), a.epoch()));
        List<Cid> start = new ArrayList<>();
        newestFirst.forEach(t -> start.addAll(t.key()));
        return write(newestFirst.get(0).key(), start, false, out);
    }

    private Export write(List<Cid> carRoots, List<Cid> walkFrom, boolean followParents, Path out) {
        requireNonNull(out, "out");
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".partial");
        DagWalker.Result result;
        try (CarWriter writer =
                new CarWriter(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), carRoots)) {
            result = new DagWalker(blocks, followParents).walk(walkFrom, writer::write);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            if (!result.complete()) {
                Files.deleteIfExists(tmp);
                throw new SnapshotStoreException(
                        "cannot export: " + result.missing().size() + " block(s) reachable from "
                                + walkFrom.size() + " root(s) are not in the store, e.g. "
                                + result.missing()
                                        .subList(0, Math.min(5, result.missing().size()))
                                + " (import the snapshot that holds them, or export a smaller range)",
                        null);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + target + ": " + e.getMessage(), e);
        }
        return new Export(target, carRoots, result.blocks(), result.bytes());
    }
}
