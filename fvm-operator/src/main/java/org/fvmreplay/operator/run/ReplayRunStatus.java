package org.fvmreplay.operator.run;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed of a run: its phase and Kubernetes-style conditions ({@code Submitted}, {@code Running},
 * {@code Succeeded}, {@code Failed}), the Flink job, and the chunks written so far where the operator can read the
 * output folder.
 */
public class ReplayRunStatus {
    @PrinterColumn(name = "Phase", priority = 0)
    private RunPhase phase;

    private Long observedGeneration;

    private String flinkDeployment;

    private String jobId;

    private String jobState;

    private String startTime;

    private String endTime;

    @PrinterColumn(name = "Chunks")
    private Integer chunksDone;

    private Integer chunksTotal;

    private Integer retries;

    private String lastError;

    private List<Condition> conditions = new ArrayList<>();

    public RunPhase getPhase() {
        return phase;
    }

    public void setPhase(RunPhase phase) {
        this.phase = phase;
    }

    /** The generation of the spec this status describes. */
    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** The name of the FlinkDeployment the run owns. */
    public String getFlinkDeployment() {
        return flinkDeployment;
    }

    public void setFlinkDeployment(String flinkDeployment) {
        this.flinkDeployment = flinkDeployment;
    }

    /** The Flink job id, once Flink's operator reports it. */
    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    /** The Flink job's state as Flink's operator reports it ({@code RUNNING}, {@code FINISHED}, ...). */
    public String getJobState() {
        return jobState;
    }

    public void setJobState(String jobState) {
        this.jobState = jobState;
    }

    /** When the Flink job was first seen running (RFC 3339). */
    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    /** When the run reached a final phase (RFC 3339). */
    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }

    /** Chunks whose manifest is in the output folder; absent when the operator cannot read the folder. */
    public Integer getChunksDone() {
        return chunksDone;
    }

    public void setChunksDone(Integer chunksDone) {
        this.chunksDone = chunksDone;
    }

    /** Chunks of the range; absent when the spec leaves an end of the range to the store. */
    public Integer getChunksTotal() {
        return chunksTotal;
    }

    public void setChunksTotal(Integer chunksTotal) {
        this.chunksTotal = chunksTotal;
    }

    /** Restarts of the Flink job after a failure so far. */
    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    /** The last error: the invalid spec, or what Flink's operator reported. */
    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
