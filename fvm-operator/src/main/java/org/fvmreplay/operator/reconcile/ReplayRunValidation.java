package org.fvmreplay.operator.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.operator.run.PriceChange;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayTable;

/**
 * The checks the operator makes before it creates anything for a run. The generated CRD carries the same rules, so an
 * API server refuses such a run on create; these catch a run stored under an older CRD and the rules the schema
 * cannot state (duplicate tables).
 */
public final class ReplayRunValidation {
    private ReplayRunValidation() {}

    /** Every problem of {@code spec}, each a sentence naming the field; empty when the run can start. */
    public static List<String> problems(ReplayRunSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec is missing");
            return problems;
        }
        requireAbsolute(problems, "store", spec.getStore(), true);
        requireAbsolute(problems, "output", spec.getOutput(), true);
        requireAbsolute(problems, "network", spec.getNetwork(), false);
        requireAbsolute(problems, "actors", spec.getActors(), false);
        requireAbsolute(problems, "dataMountPath", spec.getDataMountPath(), false);
        requireAbsolute(problems, "codeCache", spec.getCodeCache(), false);
        if (spec.getImage() == null || spec.getImage().isBlank()) {
            problems.add("image is required: the replay-job image (k8s/replay-job.Dockerfile)");
        }
        Long from = spec.getFromEpoch();
        Long to = spec.getToEpoch();
        if (from != null && from < 0) {
            problems.add("fromEpoch " + from + " is negative");
        }
        if (to != null && to < 0) {
            problems.add("toEpoch " + to + " is negative");
        }
        if (from != null && to != null && from > to) {
            problems.add("fromEpoch " + from + " is after toEpoch " + to + ": the range is empty");
        }
        requireAtLeastOne(problems, "chunkEpochs", spec.getChunkEpochs());
        requireAtLeastOne(problems, "parallelism", spec.getParallelism());
        requireAtLeastOne(problems, "taskSlots", spec.getTaskSlots());
        if (spec.getMaxRetries() != null && spec.getMaxRetries() < 0) {
            problems.add("maxRetries " + spec.getMaxRetries() + " is negative");
        }
        if (spec.getTables() != null) {
            Set<ReplayTable> seen = new HashSet<>();
            for (ReplayTable table : spec.getTables()) {
                if (!seen.add(table)) {
                    problems.add("tables names " + table.tableName() + " twice");
                }
            }
        }
        PriceChange repricing = spec.getRepricing();
        if (repricing != null) {
            if (repricing.getPriceNv() == null && repricing.getPriceList() == null) {
                problems.add("repricing needs priceNv, priceList or both");
            }
            if (repricing.getPriceNv() != null && (repricing.getPriceNv() < 17 || repricing.getPriceNv() > 29)) {
                problems.add("repricing.priceNv " + repricing.getPriceNv() + " is not a network version from 17 to 29");
            }
            if (repricing.getPriceList() != null
                    && (blank(repricing.getPriceList().getName())
                            || blank(repricing.getPriceList().getKey()))) {
                problems.add("repricing.priceList needs the name of a ConfigMap and a key in it");
            }
        }
        return problems;
    }

    private static void requireAbsolute(List<String> problems, String field, String path, boolean required) {
        if (path == null || path.isBlank()) {
            if (required) {
                problems.add(field + " is required: an absolute path in the Flink pods");
            }
        } else if (!path.startsWith("/")) {
            problems.add(field + " '" + path + "' is not an absolute path");
        }
    }

    private static void requireAtLeastOne(List<String> problems, String field, Integer value) {
        if (value != null && value < 1) {
            problems.add(field + " " + value + " is below 1");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
