package org.fvmreplay.operator.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.analytics.output.EpochChunk;
import org.fvmreplay.analytics.output.OutputFolder;
import org.fvmreplay.operator.run.ReplayRunSpec;

/**
 * How many of a run's chunks are written, read from the manifests in its output folder when the operator's pod can
 * see that folder (the Helm chart mounts the data volume at the same path), and how many the range has.
 *
 * @param chunksDone finished chunks of the range (every finished chunk when the range is open); null if unreadable
 * @param chunksTotal chunks of the range; null when the spec leaves an end to the store
 */
public record OutputProgress(Integer chunksDone, Integer chunksTotal) {
    /** Reads the progress of the run {@code spec} describes; never throws on a missing or unreadable folder. */
    public static OutputProgress of(ReplayRunSpec spec) {
        Integer total = null;
        Set<EpochChunk> planned = null;
        if (spec.getFromEpoch() != null && spec.getToEpoch() != null && spec.getChunkEpochs() != null) {
            List<EpochChunk> chunks = EpochChunk.split(spec.getFromEpoch(), spec.getToEpoch(), spec.getChunkEpochs());
            total = chunks.size();
            planned = new HashSet<>(chunks);
        }
        Path out = Path.of(spec.getOutput());
        if (!Files.isDirectory(out)) {
            return new OutputProgress(null, total);
        }
        try {
            List<EpochChunk> finished = OutputFolder.finishedChunkRanges(out);
            int done = 0;
            for (EpochChunk chunk : finished) {
                if (planned == null || planned.contains(chunk)) {
                    done++;
                }
            }
            return new OutputProgress(done, total);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return new OutputProgress(null, total);
        }
    }
}
