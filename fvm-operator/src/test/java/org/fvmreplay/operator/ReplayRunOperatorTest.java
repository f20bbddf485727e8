package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fvmreplay.operator.flink.FlinkDeployment;
import org.fvmreplay.operator.flink.FlinkDeploymentSpec;
import org.fvmreplay.operator.flink.FlinkDeploymentStatus;
import org.fvmreplay.operator.reconcile.DesiredFlinkDeployment;
import org.fvmreplay.operator.reconcile.JobArguments;
import org.fvmreplay.operator.reconcile.ReplayRunReconciler;
import org.fvmreplay.operator.run.PriceChange;
import org.fvmreplay.operator.run.ReplayRun;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayRunStatus;
import org.fvmreplay.operator.run.ReplayTable;
import org.fvmreplay.operator.run.RunPhase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator against a real kube-apiserver and etcd (no Flink operator, no controller manager: the tests play Flink's
 * operator by writing the FlinkDeployment's status, as it would).
 */
class ReplayRunOperatorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private static KubernetesClient client;
    private static Operator operator;
    private static ReplayRunReconciler reconciler;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startOperator() {
        client = TestApiServer.client();
        startNewOperator();
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
    }

    private static void startNewOperator() {
        reconciler = new ReplayRunReconciler(Clock.systemUTC(), Duration.ofSeconds(1));
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(reconciler);
        operator.start();
    }

    @Test
    void aRunGetsExactlyOneFlinkDeploymentWithItsJob() {
        String ns = newNamespace();
        client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("prices")
                        .withNamespace(ns)
                        .endMetadata()
                        .addToData("block-open-raised.json", "{}")
                        .build())
                .create();
        ReplayRun run = run(ns, "devnet-a-300-349");
        run.getSpec().setTables(List.of(ReplayTable.TIPSETS, ReplayTable.MESSAGES, ReplayTable.REPRICING));
        PriceChange prices = new PriceChange();
        prices.setPriceNv(21);
        prices.setPriceList(new ConfigMapKeySelector("block-open-raised.json", "prices", null));
        run.getSpec().setRepricing(prices);
        ReplayRun created = client.resource(run).create();

        ReplayRun submitted = awaitPhase(ns, "devnet-a-300-349", RunPhase.Submitted);
        List<FlinkDeployment> deployments = deployments(ns);
        assertThat(deployments).hasSize(1);
        FlinkDeployment fd = deployments.get(0);
        assertThat(fd.getMetadata().getName()).isEqualTo("devnet-a-300-349");
        assertThat(fd.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(o.getKind()).isEqualTo("ReplayRun");
            assertThat(o.getController()).isTrue();
        });
        FlinkDeploymentSpec spec = fd.getSpec();
        assertThat(spec.getImage()).isEqualTo("registry.example.org/fvm-replay-flink:0.1.0");
        assertThat(spec.getFlinkVersion()).isEqualTo("v2_0"); // the CRD's default
        assertThat(spec.getServiceAccount()).isEqualTo("flink");
        assertThat(spec.getFlinkConfiguration())
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry(
                        "classloader.parent-first-patterns.default", DesiredFlinkDeployment.PARENT_FIRST_PATTERNS);
        assertThat(spec.getJob().getJarURI()).isEqualTo(DesiredFlinkDeployment.JAR_URI);
        assertThat(spec.getJob().getEntryClass()).isEqualTo("org.fvmreplay.cli.ClusterMain");
        assertThat(spec.getJob().getParallelism()).isEqualTo(4);
        assertThat(spec.getJob().getUpgradeMode()).isEqualTo("stateless");
        assertThat(spec.getJob().getArgs())
                .containsExactly(
                        "job",
                        "--store",
                        "/data/stores/devnet-a",
                        "--network",
                        "/data/chains/devnet-a/manifest.json",
                        "--from",
                        "300",
                        "--to",
                        "349",
                        "--chunk-epochs",
                        "10",
                        "--parallelism",
                        "4",
                        "--engine",
                        "wasmtime",
                        "--tables",
                        "tipsets,messages,repricing",
                        "--price-nv",
                        "21",
                        "--price-list",
                        JobArguments.PRICE_LIST_DIR + "/block-open-raised.json",
                        "--out",
                        run.getSpec().getOutput(),
                        "--no-progress");
        assertThat(spec.getJobManager().getResource().getMemory()).isEqualTo("2048m");
        assertThat(spec.getTaskManager().getResource().getCpu()).isEqualTo(2.0);
        var pod = spec.getPodTemplate().getSpec();
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("data", "price-list");
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("fvm-replay-data");
        assertThat(pod.getVolumes().get(1).getConfigMap().getName()).isEqualTo("prices");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .containsExactly("/data", JobArguments.PRICE_LIST_DIR);

        ReplayRunStatus status = submitted.getStatus();
        assertThat(status.getFlinkDeployment()).isEqualTo("devnet-a-300-349");
        assertThat(status.getObservedGeneration())
                .isEqualTo(created.getMetadata().getGeneration());
        assertThat(status.getChunksTotal()).isEqualTo(5);
        assertThat(condition(status, "Submitted").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Running").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Failed").getStatus()).isEqualTo("False");
    }

    @Test
    void theRunFollowsItsFlinkJobToTheEnd() throws IOException {
        String ns = newNamespace();
        ReplayRun run = run(ns, "follows");
        run.getSpec().setOutput(tmp.resolve("out").toString());
        client.resource(run).create();
        awaitPhase(ns, "follows", RunPhase.Submitted);

        setFlinkJob(ns, "follows", "RUNNING", null);
        ReplayRun running = awaitPhase(ns, "follows", RunPhase.Running);
        assertThat(running.getStatus().getJobId()).isEqualTo("6c9d3b1a0f2e4d5c8b7a69584736251f");
        assertThat(running.getStatus().getStartTime()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(condition(running.getStatus(), "Running").getStatus()).isEqualTo("True");
        assertThat(running.getStatus().getChunksDone()).isNull(); // no output folder yet

        // two of the five chunks written (the job's manifests), and one of another range, which does not count
        Path manifests = Files.createDirectories(tmp.resolve("out").resolve("_manifests"));
        Files.writeString(manifests.resolve("epochs-000000300-000000309.json"), "{}");
        Files.writeString(manifests.resolve("epochs-000000310-000000319.json"), "{}");
        Files.writeString(manifests.resolve("epochs-000000100-000000109.json"), "{}");
        await().atMost(WAIT)
                .until(() ->
                        Integer.valueOf(2).equals(get(ns, "follows").getStatus().getChunksDone()));

        setFlinkJob(ns, "follows", "FINISHED", null);
        ReplayRun done = awaitPhase(ns, "follows", RunPhase.Succeeded);
        assertThat(done.getStatus().getEndTime()).isNotNull();
        assertThat(condition(done.getStatus(), "Succeeded").getStatus()).isEqualTo("True");
        assertThat(condition(done.getStatus(), "Running").getStatus()).isEqualTo("False");
        assertThat(condition(done.getStatus(), "Failed").getStatus()).isEqualTo("False");
        // the Running condition went True -> False: its transition time is the newer
        assertThat(condition(done.getStatus(), "Running").getLastTransitionTime())
                .isGreaterThanOrEqualTo(
                        condition(running.getStatus(), "Running").getLastTransitionTime());

        // final: deleting the deployment of a finished run does not start it again
        client.resources(FlinkDeployment.class)
                .inNamespace(ns)
                .withName("follows")
                .delete();
        await().atMost(WAIT).until(() -> deployments(ns).isEmpty());
        long seen = reconciler.reconciliations();
        await().atMost(WAIT).until(() -> reconciler.reconciliations() > seen);
        assertThat(deployments(ns)).isEmpty();
        assertThat(get(ns, "follows").getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    }

    @Test
    void aFailedJobFailsTheRunWithFlinksError() {
        String ns = newNamespace();
        client.resource(run(ns, "fails")).create();
        awaitPhase(ns, "fails", RunPhase.Submitted);
        setFlinkJob(ns, "fails", "FAILED", "java.lang.IllegalStateException: cannot open RocksDB blockstore");
        ReplayRun failed = awaitPhase(ns, "fails", RunPhase.Failed);
        assertThat(failed.getStatus().getLastError()).contains("FAILED", "cannot open RocksDB blockstore");
        Condition condition = condition(failed.getStatus(), "Failed");
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("JobFailed");
        assertThat(deployments(ns).get(0).getSpec().getRestartNonce()).isNull(); // maxRetries 0: no restart
    }

    @Test
    void aFailedJobIsRestartedAsOftenAsConfigured() {
        String ns = newNamespace();
        ReplayRun run = run(ns, "retries");
        run.getSpec().setMaxRetries(1);
        client.resource(run).create();
        awaitPhase(ns, "retries", RunPhase.Submitted);

        setFlinkJob(ns, "retries", "FAILED", "TaskManager lost");
        await().atMost(WAIT)
                .until(() ->
                        Integer.valueOf(1).equals(get(ns, "retries").getStatus().getRetries()));
        FlinkDeployment restarted = deployments(ns).get(0);
        assertThat(restarted.getSpec().getRestartNonce()).isEqualTo(1L);
        ReplayRun retrying = get(ns, "retries");
        assertThat(retrying.getStatus().getPhase()).isEqualTo(RunPhase.Submitted);
        assertThat(condition(retrying.getStatus(), "Running").getReason()).isEqualTo("Restarting");
        assertThat(retrying.getStatus().getLastError()).contains("TaskManager lost");

        // the old FAILED status, older than the restart, is not taken for a second failure
        long seen = reconciler.reconciliations();
        await().atMost(WAIT).until(() -> reconciler.reconciliations() > seen + 1);
        assertThat(deployments(ns).get(0).getSpec().getRestartNonce()).isEqualTo(1L);

        setFlinkJob(ns, "retries", "RUNNING", null);
        awaitPhase(ns, "retries", RunPhase.Running);
        setFlinkJob(ns, "retries", "FAILED", "TaskManager lost again");
        ReplayRun failed = awaitPhase(ns, "retries", RunPhase.Failed);
        assertThat(failed.getStatus().getRetries()).isEqualTo(1);
        assertThat(failed.getStatus().getLastError()).contains("TaskManager lost again", "after 1 restarts");
        assertThat(deployments(ns))
                .singleElement()
                .satisfies(d -> assertThat(d.getSpec().getRestartNonce()).isEqualTo(1L));
    }

    @Test
    void deletingTheRunDeletesItsFlinkDeployment() {
        String ns = newNamespace();
        client.resource(run(ns, "deleted")).create();
        awaitPhase(ns, "deleted", RunPhase.Submitted);
        assertThat(deployments(ns)).hasSize(1);

        client.resources(ReplayRun.class).inNamespace(ns).withName("deleted").delete();
        await().atMost(WAIT).until(() -> deployments(ns).isEmpty());
        await().atMost(WAIT).until(() -> get(ns, "deleted") == null);
    }

    @Test
    void theApiServerRejectsAnInvalidRunWithItsReason() {
        String ns = newNamespace();
        ReplayRun backwards = run(ns, "backwards");
        backwards.getSpec().setFromEpoch(400L);
        backwards.getSpec().setToEpoch(300L);
        assertThatThrownBy(() -> client.resource(backwards).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("fromEpoch must not be after toEpoch");

        ReplayRun unknownTable = run(ns, "unknown-table");
        // sent as plain JSON: our own classes cannot even hold an unknown table
        String json = client.getKubernetesSerialization()
                .asJson(unknownTable)
                .replace("\"tables\":[]", "\"tables\":[\"tipsets\",\"receipts\"]");
        GenericKubernetesResource raw =
                client.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class);
        assertThatThrownBy(() -> client.resource(raw).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.tables[1]")
                .hasMessageContaining("Unsupported value: \"receipts\"");

        ReplayRun noStore = run(ns, "no-store");
        noStore.getSpec().setStore(null);
        assertThatThrownBy(() -> client.resource(noStore).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.store: Required value");

        // nothing of these reached the operator
        assertThat(client.resources(ReplayRun.class).inNamespace(ns).list().getItems())
                .isEmpty();
        assertThat(deployments(ns)).isEmpty();

        // a run's spec is fixed once created (a merge patch: no resource version to conflict with the operator's
        // writes)
        client.resource(run(ns, "fixed")).create();
        assertThatThrownBy(() -> client.resources(ReplayRun.class)
                        .inNamespace(ns)
                        .withName("fixed")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"toEpoch\":399}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("the spec of a ReplayRun cannot change");
    }

    @Test
    void whatTheSchemaCannotSayFailsTheRunBeforeAnythingIsCreated() {
        String ns = newNamespace();
        ReplayRun twice = run(ns, "twice");
        twice.getSpec().setTables(List.of(ReplayTable.TIPSETS, ReplayTable.TIPSETS));
        client.resource(twice).create();
        ReplayRun failed = awaitPhase(ns, "twice", RunPhase.Failed);
        assertThat(failed.getStatus().getLastError()).isEqualTo("invalid spec: tables names tipsets twice");
        assertThat(condition(failed.getStatus(), "Failed").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(failed.getStatus(), "Submitted").getStatus()).isEqualTo("False");
        assertThat(deployments(ns)).isEmpty();
    }

    @Test
    void aFlinkDeploymentOfTheSameNameThatTheRunDoesNotOwnIsLeftAlone() {
        String ns = newNamespace();
        FlinkDeployment foreign = new FlinkDeployment();
        foreign.setMetadata(
                new ObjectMetaBuilder().withName("taken").withNamespace(ns).build());
        foreign.setSpec(new FlinkDeploymentSpec());
        foreign.getSpec().setImage("someone-else:1");
        FlinkDeployment before = client.resource(foreign).create();

        client.resource(run(ns, "taken")).create();
        ReplayRun failed = awaitPhase(ns, "taken", RunPhase.Failed);
        assertThat(condition(failed.getStatus(), "Failed").getReason()).isEqualTo("NameConflict");
        assertThat(deployments(ns))
                .singleElement()
                .satisfies(d -> assertThat(d.getMetadata().getResourceVersion())
                        .isEqualTo(before.getMetadata().getResourceVersion()));
    }

    @Test
    void aCallTheApiServerRefusesIsReportedInTheStatus() {
        String ns = newNamespace();
        // an admission policy refuses every FlinkDeployment in this namespace
        String policy = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: no-flink-%1$s}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [flink.apache.org], apiVersions: ["*"], operations: [CREATE], resources: [flinkdeployments]}
                  validations:
                    - {expression: "false", message: "no FlinkDeployments in %1$s"}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: no-flink-%1$s}
                spec:
                  policyName: no-flink-%1$s
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %1$s}}
                """.formatted(ns);
        client.load(ManifestsTest.stream(policy)).serverSideApply();
        FlinkDeployment probe = new FlinkDeployment();
        probe.setMetadata(
                new ObjectMetaBuilder().withName("probe").withNamespace(ns).build());
        probe.setSpec(new FlinkDeploymentSpec());
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            try {
                client.resource(probe).dryRun().create();
                return false; // the policy is not in force yet
            } catch (KubernetesClientException e) {
                return e.getMessage().contains("no FlinkDeployments in " + ns);
            }
        });
        client.resource(run(ns, "refused")).create();
        await().atMost(WAIT).until(() -> {
            ReplayRun run = get(ns, "refused");
            return run.getStatus() != null && run.getStatus().getLastError() != null;
        });
        assertThat(get(ns, "refused").getStatus().getLastError())
                .startsWith("reconcile failed: ")
                .contains("no FlinkDeployments in " + ns);
        assertThat(deployments(ns)).isEmpty();

        client.resources(ReplayRun.class).inNamespace(ns).withName("refused").delete();
        await().atMost(WAIT).until(() -> get(ns, "refused") == null);
    }

    @Test
    void reconcilingAgainChangesNothing() {
        String ns = newNamespace();
        client.resource(run(ns, "steady")).create();
        awaitPhase(ns, "steady", RunPhase.Submitted);
        setFlinkJob(ns, "steady", "RUNNING", null);
        awaitPhase(ns, "steady", RunPhase.Running);

        String runVersion = get(ns, "steady").getMetadata().getResourceVersion();
        String deploymentVersion = deployments(ns).get(0).getMetadata().getResourceVersion();
        long seen = reconciler.reconciliations();
        // the run is looked at every second while it runs: wait for three more reconciles
        await().atMost(WAIT).until(() -> reconciler.reconciliations() >= seen + 3);
        assertThat(get(ns, "steady").getMetadata().getResourceVersion()).isEqualTo(runVersion);
        assertThat(deployments(ns))
                .singleElement()
                .satisfies(d -> assertThat(d.getMetadata().getResourceVersion()).isEqualTo(deploymentVersion));
    }

    @Test
    void aFlinkDeploymentEditedByHandGetsTheRunsSpecBack() {
        String ns = newNamespace();
        client.resource(run(ns, "edited")).create();
        awaitPhase(ns, "edited", RunPhase.Submitted);
        client.resources(FlinkDeployment.class)
                .inNamespace(ns)
                .withName("edited")
                .edit(d -> {
                    d.getSpec().getJob().setParallelism(64);
                    return d;
                });
        await().atMost(WAIT)
                .until(() -> deployments(ns).get(0).getSpec().getJob().getParallelism() == 4);
    }

    @Test
    void anOperatorRestartedMidRunResumesWithoutDuplicates() {
        String ns = newNamespace();
        client.resource(run(ns, "restart")).create();
        awaitPhase(ns, "restart", RunPhase.Submitted);
        FlinkDeployment first = deployments(ns).get(0);

        operator.stop();
        try {
            // while no operator runs, Flink's operator starts the job
            setFlinkJob(ns, "restart", "RUNNING", null);
        } finally {
            startNewOperator();
        }
        awaitPhase(ns, "restart", RunPhase.Running);
        assertThat(deployments(ns))
                .singleElement()
                .satisfies(d -> assertThat(d.getMetadata().getUid())
                        .isEqualTo(first.getMetadata().getUid()));
        setFlinkJob(ns, "restart", "FINISHED", null);
        awaitPhase(ns, "restart", RunPhase.Succeeded);
        assertThat(deployments(ns)).hasSize(1);
    }

    // ---

    private static String newNamespace() {
        String name = "replay-test-" + NAMESPACES.incrementAndGet();
        ManifestsTest.ensureNamespace(client, name);
        return name;
    }

    private static ReplayRun run(String ns, String name) {
        ReplayRun run = new ReplayRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setStore("/data/stores/devnet-a");
        spec.setNetwork("/data/chains/devnet-a/manifest.json");
        spec.setFromEpoch(300L);
        spec.setToEpoch(349L);
        spec.setChunkEpochs(10);
        spec.setParallelism(4);
        spec.setOutput("/data/out/" + name);
        spec.setDataVolumeClaim("fvm-replay-data");
        spec.setImage("registry.example.org/fvm-replay-flink:0.1.0");
        run.setSpec(spec);
        return run;
    }

    private static ReplayRun get(String ns, String name) {
        return client.resources(ReplayRun.class).inNamespace(ns).withName(name).get();
    }

    private static List<FlinkDeployment> deployments(String ns) {
        return client.resources(FlinkDeployment.class).inNamespace(ns).list().getItems();
    }

    private static ReplayRun awaitPhase(String ns, String name, RunPhase phase) {
        await().atMost(WAIT).until(() -> {
            ReplayRun run = get(ns, name);
            return run != null && run.getStatus() != null && run.getStatus().getPhase() == phase;
        });
        return get(ns, name);
    }

    // what Flink's operator writes: the job's state for the deployment's current generation
    private static void setFlinkJob(String ns, String name, String state, String error) {
        client.resources(FlinkDeployment.class).inNamespace(ns).withName(name).editStatus(d -> {
            FlinkDeploymentStatus status = new FlinkDeploymentStatus();
            FlinkDeploymentStatus.JobStatus job = new FlinkDeploymentStatus.JobStatus();
            job.setJobId("6c9d3b1a0f2e4d5c8b7a69584736251f");
            job.setState(state);
            job.setStartTime("1796040000000"); // 2026-11-30T12:00:00Z
            status.setJobStatus(job);
            status.setError(error);
            status.setObservedGeneration(d.getMetadata().getGeneration());
            status.setLifecycleState("FAILED".equals(state) ? "FAILED" : "STABLE");
            d.setStatus(status);
            return d;
        });
    }

    private static Condition condition(ReplayRunStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status.getConditions()));
    }
}
