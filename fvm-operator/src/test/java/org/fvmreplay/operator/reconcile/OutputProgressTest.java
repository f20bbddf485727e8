package org.fvmreplay.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fvmreplay.analytics.output.ChunkWriter;
import org.fvmreplay.analytics.output.OutputFolder;
import org.fvmreplay.analytics.schema.Tables;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk counts from a folder the job's own output code wrote. */
class OutputProgressTest {
    @TempDir
    Path tmp;

    @Test
    void countsTheCommittedChunksOfTheRange() throws Exception {
        Path out = tmp.resolve("out");
        OutputFolder folder = OutputFolder.open(out, Map.of("store", "/data/stores/devnet-a"), List.of(Tables.TIPSETS));
        commit(folder, 300, 309);
        commit(folder, 310, 319);
        try (ChunkWriter unfinished = folder.open(320, 329)) {
            // staged, never committed: not done
        }
        commit(folder, 100, 109); // outside the run's range

        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setOutput(out.toString());
        spec.setFromEpoch(300L);
        spec.setToEpoch(349L);
        spec.setChunkEpochs(10);
        assertThat(OutputProgress.of(spec)).isEqualTo(new OutputProgress(2, 5));

        // an open range: every finished chunk counts, and the total is unknown
        spec.setToEpoch(null);
        assertThat(OutputProgress.of(spec)).isEqualTo(new OutputProgress(3, null));
    }

    @Test
    void aFolderTheOperatorCannotSeeGivesNoCount() {
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setOutput(tmp.resolve("elsewhere").toString());
        spec.setFromEpoch(0L);
        spec.setToEpoch(99L);
        spec.setChunkEpochs(50);
        assertThat(OutputProgress.of(spec)).isEqualTo(new OutputProgress(null, 2));
    }

    private static void commit(OutputFolder folder, long from, long to) throws Exception {
        try (ChunkWriter writer = folder.open(from, to)) {
            writer.commit(List.of());
        }
    }
}
