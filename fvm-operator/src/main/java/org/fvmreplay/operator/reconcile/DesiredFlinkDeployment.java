package org.fvmreplay.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.operator.flink.FlinkDeployment;
import org.fvmreplay.operator.flink.FlinkDeploymentSpec;
import org.fvmreplay.operator.run.ProcessResources;
import org.fvmreplay.operator.run.ReplayRun;
import org.fvmreplay.operator.run.ReplayRunSpec;

/**
 * The FlinkDeployment a run should own: an application-mode Flink cluster whose JobManager runs the replay job jar
 * ({@code ClusterMain}) with the run's arguments, every pod mounting the run's data volume.
 */
public final class DesiredFlinkDeployment {
    /** Where k8s/replay-job.Dockerfile puts the job jar. */
    public static final String JAR_URI = "local:///opt/flink/usrlib/fvm-replay.jar";

    /** The job jar's entry point for Flink: the command line without System.exit. */
    public static final String ENTRY_CLASS = "org.fvmreplay.cli.ClusterMain";

    /** The label that names the run on everything the operator creates. */
    public static final String RUN_LABEL = "fvmreplay.org/run";

    /**
     * Flink 2.3's default {@code classloader.parent-first-patterns.default} without {@code org.rocksdb.}: Flink's
     * FRocksDB 8.10 cannot read a store written by RocksDB 11 (README, "Class loading").
     */
    public static final String PARENT_FIRST_PATTERNS =
            "java.;scala.;org.apache.flink.;com.esotericsoftware.kryo;org.apache.hadoop.;javax.annotation.;org.xml;"
                    + "javax.xml;org.apache.xerces;org.w3c;org.slf4j;org.apache.log4j;org.apache.logging;"
                    + "org.apache.commons.logging;ch.qos.logback";

    static final ProcessResources DEFAULT_JOB_MANAGER = new ProcessResources(1, "2048m");
    static final ProcessResources DEFAULT_TASK_MANAGER = new ProcessResources(2, "4096m");

    /** Flink's operator derives Service names from the deployment's name: keep it a DNS label with room to spare. */
    static final int MAX_NAME_LENGTH = 45;

    private static final String MAIN_CONTAINER = "flink-main-container";

    private DesiredFlinkDeployment() {}

    /** The name of the FlinkDeployment of the run named {@code runName}. */
    public static String name(String runName) {
        if (runName.length() <= MAX_NAME_LENGTH) {
            return runName;
        }
        String hash = sha256Hex(runName).substring(0, 8);
        String head = runName.substring(0, MAX_NAME_LENGTH - hash.length() - 1).replaceAll("[-.]+$", "");
        return head + "-" + hash;
    }

    /** The FlinkDeployment for {@code run} (whose spec must be valid), owned by it, with no restart nonce. */
    public static FlinkDeployment of(ReplayRun run) {
        ReplayRunSpec spec = run.getSpec();
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(new ObjectMetaBuilder()
                .withName(name(run.getMetadata().getName()))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "fvm-operator", RUN_LABEL, labelValue(run)))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(run.getApiVersion())
                        .withKind(run.getKind())
                        .withName(run.getMetadata().getName())
                        .withUid(run.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build());
        deployment.setSpec(spec(spec));
        return deployment;
    }

    /** The spec part alone: what the operator compares with an existing deployment's (restart nonce aside). */
    public static FlinkDeploymentSpec spec(ReplayRunSpec spec) {
        FlinkDeploymentSpec fd = new FlinkDeploymentSpec();
        fd.setImage(spec.getImage());
        fd.setFlinkVersion(spec.getFlinkVersion());
        fd.setServiceAccount(spec.getServiceAccount());

        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(spec.getTaskSlots()));
        conf.put("classloader.parent-first-patterns.default", PARENT_FIRST_PATTERNS);
        if (spec.getFlinkConfiguration() != null) {
            conf.putAll(spec.getFlinkConfiguration());
        }
        fd.setFlinkConfiguration(conf);
        fd.setPodTemplate(podTemplate(spec));

        fd.setJobManager(process(spec.getJobManager(), DEFAULT_JOB_MANAGER));
        fd.setTaskManager(process(spec.getTaskManager(), DEFAULT_TASK_MANAGER));

        FlinkDeploymentSpec.JobSpec job = new FlinkDeploymentSpec.JobSpec();
        job.setJarURI(JAR_URI);
        job.setEntryClass(ENTRY_CLASS);
        job.setArgs(JobArguments.of(spec));
        job.setParallelism(spec.getParallelism());
        // the job resumes from the chunks in its output folder, so no Flink state needs to survive a redeploy
        job.setUpgradeMode("stateless");
        job.setState("running");
        fd.setJob(job);
        return fd;
    }

    private static Pod podTemplate(ReplayRunSpec spec) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (spec.getDataVolumeClaim() != null) {
            volumes.add(new VolumeBuilder()
                    .withName("data")
                    .withNewPersistentVolumeClaim(spec.getDataVolumeClaim(), false)
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName("data")
                    .withMountPath(spec.getDataMountPath())
                    .build());
        }
        if (spec.getRepricing() != null && spec.getRepricing().getPriceList() != null) {
            ConfigMapKeySelector priceList = spec.getRepricing().getPriceList();
            volumes.add(new VolumeBuilder()
                    .withName("price-list")
                    .withNewConfigMap()
                    .withName(priceList.getName())
                    .addNewItem()
                    .withKey(priceList.getKey())
                    .withPath(priceList.getKey())
                    .endItem()
                    .endConfigMap()
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName("price-list")
                    .withMountPath(JobArguments.PRICE_LIST_DIR)
                    .withReadOnly(true)
                    .build());
        }
        if (volumes.isEmpty()) {
            return null;
        }
        return new PodBuilder()
                .withNewSpec()
                .withContainers(new ContainerBuilder()
                        .withName(MAIN_CONTAINER)
                        .withVolumeMounts(mounts)
                        .build())
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static FlinkDeploymentSpec.ProcessSpec process(ProcessResources given, ProcessResources defaults) {
        double cpu = given != null && given.getCpu() != null ? given.getCpu() : defaults.getCpu();
        String memory = given != null && given.getMemory() != null ? given.getMemory() : defaults.getMemory();
        return new FlinkDeploymentSpec.ProcessSpec(new ProcessResources(cpu, memory));
    }

    /** Label values are at most 63 characters; longer run names are cut and hashed like the deployment's name. */
    private static String labelValue(ReplayRun run) {
        String name = run.getMetadata().getName();
        return name.length() <= 63 ? name : name(name);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
