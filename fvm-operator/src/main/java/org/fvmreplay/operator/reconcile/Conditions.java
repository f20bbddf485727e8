package org.fvmreplay.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes-style status conditions (type, True/False, reason, message, observedGeneration, lastTransitionTime), set
 * so that the transition time moves only when the status does.
 */
final class Conditions {
    static final String SUBMITTED = "Submitted";
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    private Conditions() {}

    /**
     * {@code conditions} with the condition of {@code type} set; the old list is not changed. {@code now} is RFC 3339.
     */
    static List<Condition> with(
            List<Condition> conditions,
            String type,
            boolean status,
            String reason,
            String message,
            Long generation,
            String now) {
        List<Condition> result = new ArrayList<>();
        Condition previous = null;
        for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
            if (type.equals(c.getType())) {
                previous = c;
            } else {
                result.add(c);
            }
        }
        String statusText = status ? "True" : "False";
        String transition =
                previous != null && statusText.equals(previous.getStatus()) ? previous.getLastTransitionTime() : now;
        Condition next = new ConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
        result.add(next);
        result.sort((a, b) -> Integer.compare(order(a.getType()), order(b.getType())));
        return result;
    }

    /** The condition of {@code type}, or null. */
    static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        for (Condition c : conditions) {
            if (Objects.equals(type, c.getType())) {
                return c;
            }
        }
        return null;
    }

    private static int order(String type) {
        return switch (type) {
            case SUBMITTED -> 0;
            case RUNNING -> 1;
            case SUCCEEDED -> 2;
            case FAILED -> 3;
            default -> 4;
        };
    }
}
