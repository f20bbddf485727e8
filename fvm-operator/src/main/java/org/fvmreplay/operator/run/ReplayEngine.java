package org.fvmreplay.operator.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The WebAssembly engine the replay job runs the actors on; the names are those of its {@code --engine} option. */
public enum ReplayEngine {
    @JsonProperty("chicory")
    CHICORY("chicory"),
    @JsonProperty("wasmtime")
    WASMTIME("wasmtime");

    private final String optionValue;

    ReplayEngine(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value of the job's {@code --engine} option. */
    public String optionValue() {
        return optionValue;
    }
}
