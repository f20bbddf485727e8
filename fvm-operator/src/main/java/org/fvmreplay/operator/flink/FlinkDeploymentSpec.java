package org.fvmreplay.operator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fvmreplay.operator.run.ProcessResources;

/** The part of a FlinkDeployment's spec the replay operator writes: an application-mode cluster running one jar. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkDeploymentSpec {
    private String image;
    private String flinkVersion;
    private String serviceAccount;
    private Map<String, String> flinkConfiguration = new LinkedHashMap<>();

    @PreserveUnknownFields
    private Pod podTemplate;

    private ProcessSpec jobManager;
    private ProcessSpec taskManager;
    private JobSpec job;
    private Long restartNonce;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getFlinkVersion() {
        return flinkVersion;
    }

    public void setFlinkVersion(String flinkVersion) {
        this.flinkVersion = flinkVersion;
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public Map<String, String> getFlinkConfiguration() {
        return flinkConfiguration;
    }

    public void setFlinkConfiguration(Map<String, String> flinkConfiguration) {
        this.flinkConfiguration = flinkConfiguration;
    }

    /** The pod template of the JobManager and TaskManagers (volumes, mounts). */
    public Pod getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(Pod podTemplate) {
        this.podTemplate = podTemplate;
    }

    public ProcessSpec getJobManager() {
        return jobManager;
    }

    public void setJobManager(ProcessSpec jobManager) {
        this.jobManager = jobManager;
    }

    public ProcessSpec getTaskManager() {
        return taskManager;
    }

    public void setTaskManager(ProcessSpec taskManager) {
        this.taskManager = taskManager;
    }

    public JobSpec getJob() {
        return job;
    }

    public void setJob(JobSpec job) {
        this.job = job;
    }

    /** Changing it makes Flink's operator redeploy the job; the replay operator bumps it to retry a failed run. */
    public Long getRestartNonce() {
        return restartNonce;
    }

    public void setRestartNonce(Long restartNonce) {
        this.restartNonce = restartNonce;
    }

    /** A JobManager or the TaskManagers: their resources. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ProcessSpec {
        // the Flink operator's resource is the same pair of cores and memory size as a ReplayRun's
        private ProcessResources resource;

        public ProcessSpec() {}

        public ProcessSpec(ProcessResources resource) {
            this.resource = resource;
        }

        public ProcessResources getResource() {
            return resource;
        }

        public void setResource(ProcessResources resource) {
            this.resource = resource;
        }
    }

    /** The application: its jar, main class, arguments and parallelism. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobSpec {
        private String jarURI;
        private String entryClass;
        private List<String> args = new ArrayList<>();
        private Integer parallelism;
        private String upgradeMode;
        private String state;

        public String getJarURI() {
            return jarURI;
        }

        public void setJarURI(String jarURI) {
            this.jarURI = jarURI;
        }

        public String getEntryClass() {
            return entryClass;
        }

        public void setEntryClass(String entryClass) {
            this.entryClass = entryClass;
        }

        public List<String> getArgs() {
            return args;
        }

        public void setArgs(List<String> args) {
            this.args = args;
        }

        public Integer getParallelism() {
            return parallelism;
        }

        public void setParallelism(Integer parallelism) {
            this.parallelism = parallelism;
        }

        /** {@code stateless}: the replay job keeps its progress in the output folder, not in Flink state. */
        public String getUpgradeMode() {
            return upgradeMode;
        }

        public void setUpgradeMode(String upgradeMode) {
            this.upgradeMode = upgradeMode;
        }

        /** {@code running} or {@code suspended}. */
        public String getState() {
            return state;
        }

        public void setState(String state) {
            this.state = state;
        }
    }
}
