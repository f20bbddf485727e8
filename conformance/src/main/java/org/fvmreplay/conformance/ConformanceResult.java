package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

/** The outcome of one vector variant: PASS, FAIL or SKIP, a reason, and expected vs actual receipt and root. */
public record ConformanceResult(
        String vectorId, String variant, Status status, String reason, String expected, String actual) {
    /** Outcome kinds. */
    public enum Status {
        PASS,
        FAIL,
        SKIP
    }

    public ConformanceResult {
        requireNonNull(vectorId, "vectorId");
        requireNonNull(variant, "variant");
        requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
    }

    /** One report line: {@code STATUS id variant [reason]}. */
    public String line() {
        return status + " " + vectorId + " " + variant + (reason.isEmpty() ? "" : " " + reason);
    }
}
