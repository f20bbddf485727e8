package org.fvmreplay.operator.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A table the replay job can write; the names are those of its {@code --tables} option. */
public enum ReplayTable {
    @JsonProperty("tipsets")
    TIPSETS("tipsets"),
    @JsonProperty("messages")
    MESSAGES("messages"),
    @JsonProperty("calls")
    CALLS("calls"),
    @JsonProperty("gas_charges")
    GAS_CHARGES("gas_charges"),
    @JsonProperty("syscalls")
    SYSCALLS("syscalls"),
    @JsonProperty("events")
    EVENTS("events"),
    @JsonProperty("state_diffs")
    STATE_DIFFS("state_diffs"),
    @JsonProperty("repricing")
    REPRICING("repricing");

    private final String tableName;

    ReplayTable(String tableName) {
        this.tableName = tableName;
    }

    /** The table's name in the job's output and on its command line. */
    public String tableName() {
        return tableName;
    }
}
