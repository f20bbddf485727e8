package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** One variant run twice, under its own prices (before) and under other prices (after): gas per message and which run out of gas. */
public record RepricingReport(VariantReport before, VariantReport after) {
    public RepricingReport {
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

    /** Both runs executed their messages (otherwise {@link #reason()} says why not). */
    public boolean ran() {
        return before.ran()
                && after.ran()
                && before.messages().size() == after.messages().size();
    }

    public long gasBefore() {
        return before.totalGasUsed();
    }

    public long gasAfter() {
        return after.totalGasUsed();
    }

    public long delta() {
        return gasAfter() - gasBefore();
    }

    /** Indexes of messages that exhaust their gas limit under the new prices but did not before. */
    public List<Integer> newlyOutOfGas() {
        List<Integer> out = new ArrayList<>();
        if (!ran()) {
            return out;
        }
        for (int i = 0; i < after.messages().size(); i++) {
            if (after.messages().get(i).outOfGas() && !before.messages().get(i).outOfGas()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Why the variant was not repriced, if it was not. */
    public String reason() {
        return !before.ran() ? before.reason() : after.reason();
    }
}
