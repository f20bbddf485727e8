package org.fvmreplay.operator;

import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fvmreplay.operator.reconcile.ReplayRunReconciler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fvm-operator}: runs the ReplayRun controller against the cluster of the current kubeconfig or pod. */
@Command(
        name = "fvm-operator",
        mixinStandardHelpOptions = true,
        description = {
            "Watches ReplayRun resources and runs each as a FlinkDeployment (application mode) of the replay job, on the",
            "Flink Kubernetes Operator. Connects like kubectl: the pod's service account in a cluster, else ~/.kube/config."
        })
public final class OperatorMain implements Callable<Integer> {
    @Option(
            names = "--namespace",
            paramLabel = "NS",
            split = ",",
            description = "namespaces to watch (default: all the service account may see)")
    private List<String> namespaces;

    @Option(
            names = "--progress-interval",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description =
                    "how often a running run's output folder is read for its chunk count (default ${DEFAULT-VALUE})")
    private long progressSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OperatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (progressSeconds < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--progress-interval " + progressSeconds + ": expected at least 1 second");
        }
        Operator operator = new Operator();
        ReplayRunReconciler reconciler =
                new ReplayRunReconciler(Clock.systemUTC(), Duration.ofSeconds(progressSeconds));
        operator.register(reconciler, config -> {
            if (namespaces != null && !namespaces.isEmpty()) {
                Set<String> watched = new LinkedHashSet<>(namespaces);
                config.settingNamespaces(watched);
            }
        });
        operator.installShutdownHook(Duration.ofSeconds(10));
        operator.start();
        Thread.currentThread().join();
        return 0;
    }
}
