package org.fvmreplay.operator.run;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory of one Flink process (JobManager or TaskManager), in the units Flink's operator takes. */
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
