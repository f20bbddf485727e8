package org.fvmreplay.operator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fvmreplay.operator.run.PriceChange;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayTable;

/** The replay job's command line ({@code fvm-replay job ...}) for a run, as the Flink application's arguments. */
public final class JobArguments {
    /** Where a run's price-list ConfigMap is mounted in the Flink pods. */
    public static final String PRICE_LIST_DIR = "/etc/fvm-replay/price-list";

    private JobArguments() {}

    /** The arguments, starting with the {@code job} subcommand; {@code spec} must be valid. */
    public static List<String> of(ReplayRunSpec spec) {
        List<String> args = new ArrayList<>();
        args.add("job");
        add(args, "--store", spec.getStore());
        add(args, "--network", spec.getNetwork());
        add(args, "--actors", spec.getActors());
        add(args, "--from", spec.getFromEpoch());
        add(args, "--to", spec.getToEpoch());
        add(args, "--chunk-epochs", spec.getChunkEpochs());
        add(args, "--parallelism", spec.getParallelism());
        if (spec.getEngine() != null) {
            add(args, "--engine", spec.getEngine().optionValue());
        }
        if (spec.getTables() != null && !spec.getTables().isEmpty()) {
            add(
                    args,
                    "--tables",
                    spec.getTables().stream().map(ReplayTable::tableName).collect(Collectors.joining(",")));
        }
        PriceChange repricing = spec.getRepricing();
        if (repricing != null) {
            add(args, "--price-nv", repricing.getPriceNv());
            if (repricing.getPriceList() != null) {
                add(
                        args,
                        "--price-list",
                        PRICE_LIST_DIR + "/" + repricing.getPriceList().getKey());
            }
        }
        add(args, "--out", spec.getOutput());
        add(args, "--code-cache", spec.getCodeCache());
        // a Flink application's output goes to the JobManager's log: a progress bar there is noise
        args.add("--no-progress");
        return args;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(String.valueOf(value));
        }
    }
}
