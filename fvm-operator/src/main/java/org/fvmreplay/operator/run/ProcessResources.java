package org.fvmreplay.operator.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * CPU and memory of one Flink process (JobManager or TaskManager), in the units Flink's operator takes: a ReplayRun's
 * field and, as it is, the {@code resource} of the FlinkDeployment made from it (which may carry fields this ignores).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProcessResources {
    @Min(0.1)
    private Double cpu;

    @Pattern("^[0-9]+[mgMG]$")
    private String memory;

    public ProcessResources() {}

    public ProcessResources(double cpu, String memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    /** Cores, e.g. 1 or 0.5. */
    public Double getCpu() {
        return cpu;
    }

    public void setCpu(Double cpu) {
        this.cpu = cpu;
    }

    /** Flink's memory size, e.g. {@code 2048m} or {@code 4g}. */
    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }
}
