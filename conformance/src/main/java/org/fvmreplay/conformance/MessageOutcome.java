package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.fvmreplay.fvm.exitcode.ExitCodes;
import org.fvmreplay.fvm.trace.GasTrace;

/** One applied message of a variant: the expected and the actual receipt, the gas limit, and its trace when traced. */
public record MessageOutcome(
        int index, long gasLimit, Receipt expected, Receipt actual, String failureInfo, Optional<GasTrace> trace) {
    public MessageOutcome {
        requireNonNull(expected, "expected");
        requireNonNull(actual, "actual");
        failureInfo = failureInfo == null ? "" : failureInfo;
        requireNonNull(trace, "trace");
    }

    /** A receipt: exit code, return bytes (hex) and gas used. */
    public record Receipt(long exitCode, String returnHex, long gasUsed) {
        public Receipt {
            requireNonNull(returnHex, "returnHex");
        }

        /** The form conformance reasons print. */
        public String describe() {
            return "exit=" + exitCode + " gas=" + gasUsed + " return=" + returnHex;
        }
    }

    public boolean matches() {
        return expected.equals(actual);
    }

    /** Actual minus expected gas used. */
    public long gasDifference() {
        return actual.gasUsed() - expected.gasUsed();
    }

    public boolean outOfGas() {
        return actual.exitCode() == ExitCodes.SYS_OUT_OF_GAS;
    }
}
