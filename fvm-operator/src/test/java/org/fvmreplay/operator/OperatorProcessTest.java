package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fvmreplay.operator.flink.FlinkDeployment;
import org.fvmreplay.operator.flink.FlinkDeploymentStatus;
import org.fvmreplay.operator.run.ReplayRun;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fvm-operator} as its image runs it: {@link OperatorMain} in a process of its own, connecting through a
 * kubeconfig, acting as the chart's service account with only the chart's RBAC, and watching one namespace.
 */
class OperatorProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SERVICE_ACCOUNT = "system:serviceaccount:fvm-operator:fvm-operator";

    @TempDir
    Path tmp;

    @Test
    void theOperatorProcessRunsARunWithTheChartsRbacAlone() throws Exception {
        KubernetesClient client = TestApiServer.client();
        ManifestsTest.ensureNamespace(client, "fvm-operator");
        ManifestsTest.ensureNamespace(client, "watched");
        ManifestsTest.ensureNamespace(client, "unwatched");
        // the chart's service account and cluster-wide RBAC, applied for real (the Deployment is the process below)
        List<HasMetadata> chart =
                client.load(ManifestsTest.stream(Helm.template(List.of()))).items();
        for (HasMetadata object : chart) {
            if (!object.getKind().equals("Deployment")) {
                client.resource(object).serverSideApply();
            }
        }

        // the admin kubeconfig, impersonating the service account: the API server checks every call against its RBAC
        Path kubeconfigFile = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfigFile, TestApiServer.kubeConfigYaml());
        io.fabric8.kubernetes.client.Config asServiceAccount =
                io.fabric8.kubernetes.client.Config.fromKubeconfig(TestApiServer.kubeConfigYaml());
        asServiceAccount.setImpersonateUsername(SERVICE_ACCOUNT);
        // the impersonation holds: what the chart does not grant is refused
        try (KubernetesClient asOperator =
                new KubernetesClientBuilder().withConfig(asServiceAccount).build()) {
            assertThatThrownBy(() -> asOperator.pods().inNamespace("watched").list())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("forbidden");
            assertThatThrownBy(
                            () -> asOperator.configMaps().inNamespace("watched").list())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("forbidden");
            assertThat(asOperator
                            .resources(ReplayRun.class)
                            .inNamespace("watched")
                            .list()
                            .getItems())
                    .isEmpty();
        }

        Path log = tmp.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-D" + io.fabric8.kubernetes.client.Config.KUBERNETES_IMPERSONATE_USERNAME + "="
                                + SERVICE_ACCOUNT,
                        OperatorMain.class.getName(),
                        "--namespace=watched",
                        "--progress-interval=1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfigFile.toString());
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        Process operator = builder.start();
        try {
            client.resource(run("watched", "in-scope")).create();
            client.resource(run("unwatched", "out-of-scope")).create();
            await().atMost(WAIT).until(() -> phase("watched", "in-scope") == RunPhase.Submitted);
            List<FlinkDeployment> created = client.resources(FlinkDeployment.class)
                    .inNamespace("watched")
                    .list()
                    .getItems();
            assertThat(created).hasSize(1);

            client.resources(FlinkDeployment.class)
                    .inNamespace("watched")
                    .withName("in-scope")
                    .editStatus(d -> {
                        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
                        status.setJobStatus(new FlinkDeploymentStatus.JobStatus());
                        status.getJobStatus().setState("RUNNING");
                        status.getJobStatus().setJobId("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
                        d.setStatus(status);
                        return d;
                    });
            await().atMost(WAIT).until(() -> phase("watched", "in-scope") == RunPhase.Running);

            client.resources(ReplayRun.class)
                    .inNamespace("watched")
                    .withName("in-scope")
                    .delete();
            await().atMost(WAIT)
                    .until(() -> client.resources(ReplayRun.class)
                                    .inNamespace("watched")
                                    .withName("in-scope")
                                    .get()
                            == null);
            assertThat(client.resources(FlinkDeployment.class)
                            .inNamespace("watched")
                            .list()
                            .getItems())
                    .isEmpty();

            // the other namespace is none of its business
            assertThat(client.resources(ReplayRun.class)
                            .inNamespace("unwatched")
                            .withName("out-of-scope")
                            .get()
                            .getStatus())
                    .isNull();
            assertThat(client.resources(FlinkDeployment.class)
                            .inNamespace("unwatched")
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(operator.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).doesNotContain("forbidden", "Forbidden");
        } finally {
            operator.destroy();
            if (!operator.waitFor(20, TimeUnit.SECONDS)) {
                operator.destroyForcibly();
            }
        }
    }

    private static ReplayRun run(String ns, String name) {
        ReplayRun run = new ReplayRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setStore("/data/stores/devnet-a");
        spec.setOutput("/data/out/" + name);
        spec.setImage("registry.example.org/fvm-replay-flink:0.1.0");
        run.setSpec(spec);
        return run;
    }

    private static RunPhase phase(String ns, String name) {
        ReplayRun run = TestApiServer.client()
                .resources(ReplayRun.class)
                .inNamespace(ns)
                .withName(name)
                .get();
        return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
    }
}
