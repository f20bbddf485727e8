package org.fvmreplay.operator.run;

/** Where a replay run is in its life; {@code Succeeded} and {@code Failed} are final. */
public enum RunPhase {
    /** Accepted; the FlinkDeployment is not created yet. */
    Pending,
    /** The FlinkDeployment exists; its Flink job is not running yet (or is being restarted after a failure). */
    Submitted,
    /** The Flink job runs. */
    Running,
    /** The Flink job finished: every chunk of the range is written. */
    Succeeded,
    /** The spec is invalid, or the Flink job failed or was cancelled and no retry is left. */
    Failed;

    /** Whether nothing more happens to a run in this phase. */
    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }
}
