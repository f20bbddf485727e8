package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.cid.Cid;

/** The full outcome of one vector variant: status and reason, every message's receipts, expected and actual post-state root. */
public record VariantReport(
        String file,
        String vectorId,
        String variant,
        int networkVersion,
        ConformanceResult.Status status,
        String reason,
        List<MessageOutcome> messages,
        Optional<Cid> expectedRoot,
        Optional<Cid> actualRoot) {
    public VariantReport {
        requireNonNull(file, "file");
        requireNonNull(vectorId, "vectorId");
        requireNonNull(variant, "variant");
        requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        messages = List.copyOf(messages);
        requireNonNull(expectedRoot, "expectedRoot");
        requireNonNull(actualRoot, "actualRoot");
    }

    /** A variant that did not run (skipped, or the vector could not be read or set up). */
    static VariantReport notRun(
            String file,
            String vectorId,
            String variant,
            int networkVersion,
            ConformanceResult.Status status,
            String reason) {
        return new VariantReport(
                file, vectorId, variant, networkVersion, status, reason, List.of(), Optional.empty(), Optional.empty());
    }

    /** Whether the messages ran (PASS or FAIL on a comparison, not a setup error or skip). */
    public boolean ran() {
        return actualRoot.isPresent();
    }

    public long totalGasUsed() {
        return messages.stream().mapToLong(m -> m.actual().gasUsed()).sum();
    }

    /** The short form {@link ConformanceRunner#run} returns. */
    public ConformanceResult toResult() {
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (MessageOutcome m : messages) {
            expected.append(m.expected().describe()).append("; ");
            actual.append(m.actual().describe())
                    .append(m.failureInfo().isEmpty() || m.actual().exitCode() == 0 ? "" : " (" + m.failureInfo() + ")")
                    .append("; ");
        }
        expectedRoot.ifPresent(root -> expected.append("root=").append(root));
        actualRoot.ifPresent(root -> actual.append("root=").append(root));
        return new ConformanceResult(vectorId, variant, status, reason, expected.toString(), actual.toString());
    }
}
