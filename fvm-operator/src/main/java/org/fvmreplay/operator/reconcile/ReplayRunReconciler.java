package org.fvmreplay.operator.reconcile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.fvmreplay.operator.flink.FlinkDeployment;
import org.fvmreplay.operator.flink.FlinkDeploymentSpec;
import org.fvmreplay.operator.flink.FlinkDeploymentStatus;
import org.fvmreplay.operator.run.ReplayRun;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayRunStatus;
import org.fvmreplay.operator.run.RunPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each ReplayRun own one FlinkDeployment that runs it, and mirrors that deployment's Flink job into the run's
 * status.
 *
 * <ul>
 *   <li>An invalid spec fails the run before anything is created ({@link ReplayRunValidation}).
 *   <li>The deployment is created once, named after the run and owned by it; a deployment of that name the run does
 *       not own fails the run instead of being taken over. A spec edited by hand is set back.
 *   <li>Flink's job state becomes the phase: {@code RUNNING} is Running, {@code FINISHED} Succeeded, {@code FAILED}
 *       or {@code CANCELED} Failed, unless {@code spec.maxRetries} allows a restart, made by raising the deployment's
 *       {@code restartNonce} (the job then resumes from the chunks in its output). A status older than the
 *       deployment's spec ({@code observedGeneration} behind its generation) is not acted on.
 *   <li>Succeeded and Failed are final: a deleted deployment of a finished run is not recreated.
 *   <li>Nothing is written when nothing changed, so a second reconcile is a no-op; while the run is not final it is
 *       looked at again every {@code progressInterval} to count the chunks written.
 *   <li>Deleting the run deletes its deployment first (a finalizer), so no Flink cluster outlives its run even where
 *       no garbage collector follows the owner reference.
 * </ul>
 */
@ControllerConfiguration(name = ReplayRunReconciler.NAME)
public final class ReplayRunReconciler implements Reconciler<ReplayRun>, Cleaner<ReplayRun> {
    /** The controller's name. */
    public static final String NAME = "replayrun";

    /** How often a run that is not final is looked at again, by default. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(30);

    private static final int HTTP_CONFLICT = 409;
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunReconciler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RUNNING_STATES =
            Set.of("RUNNING", "RESTARTING", "FAILING", "RECONCILING", "CANCELLING");
    private static final Set<String> FAILED_STATES = Set.of("FAILED", "CANCELED");

    private final Clock clock;
    private final Duration progressInterval;
    private final AtomicLong reconciliations = new AtomicLong();

    /** A reconciler on the system clock that looks at running runs every {@link #DEFAULT_PROGRESS_INTERVAL}. */
    public ReplayRunReconciler() {
        this(Clock.systemUTC(), DEFAULT_PROGRESS_INTERVAL);
    }

    public ReplayRunReconciler(Clock clock, Duration progressInterval) {
        this.clock = requireNonNull(clock, "clock is null");
        this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
    }

    /** How many times {@link #reconcile} has run in this process (for tests and metrics). */
    public long reconciliations() {
        return reconciliations.get();
    }

    @Override
    public List<EventSource<?, ReplayRun>> prepareEventSources(EventSourceContext<ReplayRun> context) {
        InformerEventSourceConfiguration<FlinkDeployment> deployments = InformerEventSourceConfiguration.from(
                        FlinkDeployment.class, ReplayRun.class)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ReplayRun.class))
                .build();
        return List.of(new InformerEventSource<>(deployments, context));
    }

    @Override
    public UpdateControl<ReplayRun> reconcile(ReplayRun run, Context<ReplayRun> context) {
        reconciliations.incrementAndGet();
        ReplayRunStatus current = run.getStatus() == null ? new ReplayRunStatus() : run.getStatus();
        ReplayRunStatus next = copy(current);
        next.setObservedGeneration(run.getMetadata().getGeneration());
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();

        List<String> problems = ReplayRunValidation.problems(run.getSpec());
        if (!problems.isEmpty()) {
            fail(next, run, "InvalidSpec", "invalid spec: " + String.join("; ", problems), now);
            return finish(run, current, next);
        }
        ReplayRunSpec spec = run.getSpec();
        String deploymentName = DesiredFlinkDeployment.name(run.getMetadata().getName());
        next.setFlinkDeployment(deploymentName);

        FlinkDeployment deployment =
                context.getSecondaryResource(FlinkDeployment.class).orElse(null);
        if (deployment == null) {
            if (current.getPhase() != null && current.getPhase().isFinal()) {
                return finish(run, current, next); // ended: a deleted deployment stays deleted
            }
            KubernetesClient client = context.getClient();
            FlinkDeployment existing = findDeployment(client, run);
            if (existing != null && !ownedBy(existing, run)) {
                fail(
                        next,
                        run,
                        "NameConflict",
                        "a FlinkDeployment named " + deploymentName + " exists and is not owned by this run: delete it"
                                + " or give the run another name",
                        now);
                return finish(run, current, next);
            }
            if (existing == null) {
                deployment = client.resource(DesiredFlinkDeployment.of(run)).create();
                LOG.info(
                        "{}/{}: created FlinkDeployment {}",
                        run.getMetadata().getNamespace(),
                        run.getMetadata().getName(),
                        deploymentName);
            } else {
                deployment = existing; // created by an earlier reconcile the informer has not shown yet
            }
        } else {
            restoreSpec(deployment, spec, context.getClient());
        }
        observe(next, current, run, deployment, context.getClient(), now);
        OutputProgress progress = OutputProgress.of(spec);
        next.setChunksDone(progress.chunksDone());
        next.setChunksTotal(progress.chunksTotal());
        return finish(run, current, next);
    }

    /**
     * A reconcile that threw (the API server refused a call, say for want of RBAC or by an admission policy) leaves its
     * cause in {@code status.lastError}, once, and is retried by the SDK; a write conflict is only retried.
     */
    @Override
    public ErrorStatusUpdateControl<ReplayRun> updateErrorStatus(
            ReplayRun run, Context<ReplayRun> context, Exception e) {
        if (e instanceof KubernetesClientException k && k.getCode() == HTTP_CONFLICT) {
            // another writer got there first (Flink's operator, a user): the retry reads the new version
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        ReplayRunStatus status = run.getStatus() == null ? new ReplayRunStatus() : copy(run.getStatus());
        String cause = e instanceof KubernetesClientException k
                        && k.getStatus() != null
                        && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage() // the API server's words, without the client's request line
                : e.getMessage();
        String message = "reconcile failed: " + cause;
        if (message.equals(status.getLastError())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        LOG.warn(
                "{}/{}: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), message);
        status.setLastError(message);
        run.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(run);
    }

    @Override
    public DeleteControl cleanup(ReplayRun run, Context<ReplayRun> context) {
        KubernetesClient client = context.getClient();
        String name = DesiredFlinkDeployment.name(run.getMetadata().getName());
        FlinkDeployment deployment = findDeployment(client, run);
        if (deployment == null || !ownedBy(deployment, run)) {
            return DeleteControl.defaultDelete();
        }
        if (deployment.getMetadata().getDeletionTimestamp() == null) {
            client.resource(deployment).delete();
            LOG.info(
                    "{}/{}: deleting FlinkDeployment {}",
                    run.getMetadata().getNamespace(),
                    run.getMetadata().getName(),
                    name);
        }
        // Flink's operator holds a finalizer on the deployment while it tears the cluster down: wait for it
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
    }

    // Flink's job state -> phase, conditions and the retry
    private void observe(
            ReplayRunStatus next,
            ReplayRunStatus current,
            ReplayRun run,
            FlinkDeployment deployment,
            KubernetesClient client,
            String now) {
        Long generation = run.getMetadata().getGeneration();
        next.setConditions(Conditions.with(
                next.getConditions(),
                Conditions.SUBMITTED,
                true,
                "FlinkDeploymentCreated",
                "FlinkDeployment " + deployment.getMetadata().getName() + " runs the replay job",
                generation,
                now));
        if (current.getPhase() != null && current.getPhase().isFinal()) {
            return;
        }
        FlinkDeploymentStatus status = deployment.getStatus();
        FlinkDeploymentStatus.JobStatus job = status == null ? null : status.getJobStatus();
        String state = job == null ? null : job.getState();
        if (job != null && job.getJobId() != null) {
            next.setJobId(job.getJobId());
        }
        next.setJobState(state);
        if (status != null && status.getError() != null) {
            next.setLastError(status.getError());
        }
        int retries = next.getRetries() == null ? 0 : next.getRetries();
        long nonce = deployment.getSpec() == null || deployment.getSpec().getRestartNonce() == null
                ? 0
                : deployment.getSpec().getRestartNonce();
        boolean stale = status != null
                && status.getObservedGeneration() != null
                && deployment.getMetadata().getGeneration() != null
                && status.getObservedGeneration() < deployment.getMetadata().getGeneration();
        boolean lagging = nonce < retries; // our restart is not in the cache yet
        boolean failed = (state != null && FAILED_STATES.contains(state))
                || (status != null && "FAILED".equals(status.getLifecycleState()));

        if (stale || lagging || state == null) {
            boolean restarting = (stale || lagging) && retries > 0;
            setPhase(
                    next,
                    RunPhase.Submitted,
                    restarting ? "Restarting" : "JobNotRunning",
                    restarting
                            ? "restart " + retries + ": waiting for Flink's operator to start the job again"
                            : "waiting for Flink's operator to start the job",
                    now,
                    generation);
        } else if ("FINISHED".equals(state)) {
            next.setEndTime(now);
            next.setLastError(null);
            setPhase(
                    next,
                    RunPhase.Succeeded,
                    "JobFinished",
                    "Flink job " + next.getJobId() + " finished",
                    now,
                    generation);
        } else if (failed) {
            String what = "Flink job " + Objects.toString(next.getJobId(), "") + " " + Objects.toString(state, "FAILED")
                    + (status.getError() != null ? ": " + status.getError() : "");
            int maxRetries =
                    run.getSpec().getMaxRetries() == null ? 0 : run.getSpec().getMaxRetries();
            if (retries < maxRetries) {
                FlinkDeployment restarted = client.getKubernetesSerialization().clone(deployment);
                restarted.getSpec().setRestartNonce(nonce + 1);
                client.resource(restarted).update();
                next.setRetries(retries + 1);
                next.setLastError(what);
                LOG.info(
                        "{}/{}: {}; restart {} of {}",
                        run.getMetadata().getNamespace(),
                        run.getMetadata().getName(),
                        what,
                        retries + 1,
                        maxRetries);
                setPhase(
                        next,
                        RunPhase.Submitted,
                        "Restarting",
                        what + "; restart " + (retries + 1) + " of " + maxRetries,
                        now,
                        generation);
            } else {
                next.setLastError(what);
                fail(
                        next,
                        run,
                        "CANCELED".equals(state) ? "JobCanceled" : "JobFailed",
                        what + (maxRetries > 0 ? " (after " + retries + " restarts)" : ""),
                        now);
            }
        } else if (RUNNING_STATES.contains(state)) {
            if (next.getStartTime() == null) {
                next.setStartTime(startTime(job, now));
            }
            setPhase(
                    next,
                    RunPhase.Running,
                    "JobRunning",
                    "Flink job " + next.getJobId() + " is " + state,
                    now,
                    generation);
        } else {
            setPhase(next, RunPhase.Submitted, "JobNotRunning", "Flink job is " + state, now, generation);
        }
    }

    private static void setPhase(
            ReplayRunStatus next, RunPhase phase, String reason, String message, String now, Long generation) {
        next.setPhase(phase);
        List<io.fabric8.kubernetes.api.model.Condition> conditions = next.getConditions();
        conditions = Conditions.with(
                conditions, Conditions.RUNNING, phase == RunPhase.Running, reason, message, generation, now);
        conditions = Conditions.with(
                conditions,
                Conditions.SUCCEEDED,
                phase == RunPhase.Succeeded,
                phase == RunPhase.Succeeded ? reason : "NotFinished",
                message,
                generation,
                now);
        conditions = Conditions.with(
                conditions,
                Conditions.FAILED,
                phase == RunPhase.Failed,
                phase == RunPhase.Failed ? reason : "NoFailure",
                phase == RunPhase.Failed ? message : "no failure",
                generation,
                now);
        next.setConditions(conditions);
    }

    private static void fail(ReplayRunStatus next, ReplayRun run, String reason, String message, String now) {
        Long generation = run.getMetadata().getGeneration();
        next.setLastError(message);
        if (next.getEndTime() == null) {
            next.setEndTime(now);
        }
        if (Conditions.find(next.getConditions(), Conditions.SUBMITTED) == null
                && ("InvalidSpec".equals(reason) || "NameConflict".equals(reason))) {
            next.setConditions(Conditions.with(
                    next.getConditions(), Conditions.SUBMITTED, false, reason, message, generation, now));
        }
        setPhase(next, RunPhase.Failed, reason, message, now, generation);
    }

    // a deployment edited by hand gets the run's spec back; the restart nonce is the operator's own
    private static void restoreSpec(FlinkDeployment deployment, ReplayRunSpec spec, KubernetesClient client) {
        FlinkDeploymentSpec desired = DesiredFlinkDeployment.spec(spec);
        if (deployment.getSpec() != null) {
            desired.setRestartNonce(deployment.getSpec().getRestartNonce());
        }
        if (!JSON.valueToTree(desired).equals(JSON.valueToTree(deployment.getSpec()))) {
            FlinkDeployment restored = client.getKubernetesSerialization().clone(deployment);
            restored.setSpec(desired);
            client.resource(restored).update();
            LOG.info(
                    "{}/{}: set the spec of FlinkDeployment {} back to the run's",
                    deployment.getMetadata().getNamespace(),
                    deployment.getMetadata().getName(),
                    deployment.getMetadata().getName());
        }
    }

    private UpdateControl<ReplayRun> finish(ReplayRun run, ReplayRunStatus current, ReplayRunStatus next) {
        UpdateControl<ReplayRun> control;
        if (JSON.valueToTree(next).equals(JSON.valueToTree(current))) {
            control = UpdateControl.noUpdate();
        } else {
            run.setStatus(next);
            control = UpdateControl.patchStatus(run);
        }
        boolean ended = next.getPhase() != null && next.getPhase().isFinal();
        return ended ? control : control.rescheduleAfter(progressInterval);
    }

    // read from the API server, not the informer's cache: the deployment may have been created a moment ago
    private static FlinkDeployment findDeployment(KubernetesClient client, ReplayRun run) {
        return client.resources(FlinkDeployment.class)
                .inNamespace(run.getMetadata().getNamespace())
                .withName(DesiredFlinkDeployment.name(run.getMetadata().getName()))
                .get();
    }

    static boolean ownedBy(FlinkDeployment deployment, ReplayRun run) {
        List<OwnerReference> owners = deployment.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o ->
                                Objects.equals(o.getUid(), run.getMetadata().getUid()));
    }

    private static String startTime(FlinkDeploymentStatus.JobStatus job, String now) {
        // Flink's operator writes epoch milliseconds as a string
        return Optional.ofNullable(job.getStartTime())
                .filter(t -> t.matches("\\d{1,15}"))
                .map(t -> Instant.ofEpochMilli(Long.parseLong(t))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString())
                .orElse(now);
    }

    private static ReplayRunStatus copy(ReplayRunStatus status) {
        return copy(status, ReplayRunStatus.class);
    }

    private static <T> T copy(Object value, Class<T> type) {
        return JSON.convertValue(value, type);
    }
}
