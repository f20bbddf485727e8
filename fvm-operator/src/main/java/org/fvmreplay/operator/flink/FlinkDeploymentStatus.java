package org.fvmreplay.operator.flink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of a FlinkDeployment's status the replay operator reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlinkDeploymentStatus {
    private JobStatus jobStatus;
    private String lifecycleState;
    private String error;
    private Long observedGeneration;

    public JobStatus getJobStatus() {
        return jobStatus;
    }

    public void setJobStatus(JobStatus jobStatus) {
        this.jobStatus = jobStatus;
    }

    /** Flink's operator's view of the deployment: {@code DEPLOYED}, {@code STABLE}, {@code FAILED}, ... */
    public String getLifecycleState() {
        return lifecycleState;
    }

    public void setLifecycleState(String lifecycleState) {
        this.lifecycleState = lifecycleState;
    }

    /** The last error Flink's operator reported (a JSON text in real deployments). */
    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    /** The generation of the spec Flink's operator last acted on. */
    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** The Flink job: id, state and times (epoch milliseconds as strings, as Flink's operator writes them). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobStatus {
        private String jobId;
        private String jobName;
        private String state;
        private String startTime;
        private String updateTime;

        public String getJobId() {
            return jobId;
        }

        public void setJobId(String jobId) {
            this.jobId = jobId;
        }

        public String getJobName() {
            return jobName;
        }

        public void setJobName(String jobName) {
            this.jobName = jobName;
        }

        /** Flink's job status: {@code CREATED}, {@code RUNNING}, {@code FINISHED}, {@code FAILED}, ... */
        public String getState() {
            return state;
        }

        public void setState(String state) {
            this.state = state;
        }

        public String getStartTime() {
            return startTime;
        }

        public void setStartTime(String startTime) {
            this.startTime = startTime;
        }

        public String getUpdateTime() {
            return updateTime;
        }

        public void setUpdateTime(String updateTime) {
            this.updateTime = updateTime;
        }
    }
}
