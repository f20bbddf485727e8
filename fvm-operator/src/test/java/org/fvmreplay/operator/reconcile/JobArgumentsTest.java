package org.fvmreplay.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.cli.FvmReplay;
import org.fvmreplay.operator.run.PriceChange;
import org.fvmreplay.operator.run.ReplayEngine;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayTable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The arguments the operator gives the job parse as the replay job's own command line, with the run's values. */
class JobArgumentsTest {
    @Test
    void everyFieldReachesTheJobsCommandLine() {
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setStore("/data/stores/devnet-c");
        spec.setNetwork("/data/chains/devnet-c/manifest.json");
        spec.setActors("/data/actors");
        spec.setFromEpoch(0L);
        spec.setToEpoch(715L);
        spec.setChunkEpochs(25);
        spec.setParallelism(8);
        spec.setEngine(ReplayEngine.WASMTIME);
        spec.setTables(List.of(ReplayTable.GAS_CHARGES, ReplayTable.STATE_DIFFS, ReplayTable.REPRICING));
        PriceChange prices = new PriceChange();
        prices.setPriceNv(17);
        prices.setPriceList(new ConfigMapKeySelector("every-kind.json", "prices", null));
        spec.setRepricing(prices);
        spec.setOutput("/data/out/devnet-c");
        spec.setCodeCache("/data/code-cache");

        CommandLine.ParseResult parsed =
                FvmReplay.commandLine().parseArgs(JobArguments.of(spec).toArray(String[]::new));
        CommandLine.ParseResult job = parsed.subcommand();
        assertThat(job.commandSpec().name()).isEqualTo("job");
        assertThat(job.unmatched()).isEmpty();
        assertThat((Path) job.matchedOptionValue("--store", null)).isEqualTo(Path.of("/data/stores/devnet-c"));
        assertThat((Path) job.matchedOptionValue("--network", null))
                .isEqualTo(Path.of("/data/chains/devnet-c/manifest.json"));
        assertThat((Path) job.matchedOptionValue("--actors", null)).isEqualTo(Path.of("/data/actors"));
        assertThat((Long) job.matchedOptionValue("--from", null)).isEqualTo(0L);
        assertThat((Long) job.matchedOptionValue("--to", null)).isEqualTo(715L);
        assertThat((Integer) job.matchedOptionValue("--chunk-epochs", null)).isEqualTo(25);
        assertThat((Integer) job.matchedOptionValue("--parallelism", null)).isEqualTo(8);
        assertThat(job.matchedOption("--engine").getValue().toString()).isEqualTo("wasmtime");
        assertThat((List<String>) job.matchedOptionValue("--tables", null))
                .containsExactly("gas_charges", "state_diffs", "repricing");
        assertThat(job.matchedOption("--price-nv").getValue().toString()).isEqualTo("17");
        assertThat(job.matchedOption("--price-list").getValue().toString())
                .isEqualTo(JobArguments.PRICE_LIST_DIR + "/every-kind.json");
        assertThat((Path) job.matchedOptionValue("--out", null)).isEqualTo(Path.of("/data/out/devnet-c"));
        assertThat(job.hasMatchedOption("--no-progress")).isTrue();
        assertThat(job.matchedOption("--code-cache").getValue().toString()).isEqualTo("/data/code-cache");
    }

    @Test
    void whatTheSpecLeavesOutIsLeftToTheJobsDefaults() {
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setStore("/data/stores/devnet-a");
        spec.setOutput("/data/out/devnet-a");
        List<String> args = JobArguments.of(spec);
        assertThat(args)
                .containsExactly(
                        "job",
                        "--store",
                        "/data/stores/devnet-a",
                        "--chunk-epochs",
                        "50",
                        "--parallelism",
                        "2",
                        "--engine",
                        "wasmtime",
                        "--out",
                        "/data/out/devnet-a",
                        "--no-progress");
        CommandLine.ParseResult job =
                FvmReplay.commandLine().parseArgs(args.toArray(String[]::new)).subcommand();
        assertThat(job.hasMatchedOption("--from")).isFalse();
        assertThat(job.hasMatchedOption("--tables")).isFalse();
    }
}
