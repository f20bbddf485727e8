package org.fvmreplay.cli;

import picocli.CommandLine;

/**
 * The entry point of the Flink job jar: the {@code fvm-replay} command line without {@link System#exit}, for {@code flink run},
 * the REST API's jar run and application mode.
 *
 * <p>Flink calls {@code main} inside its own JVM: the client's for {@code flink run}, but the JobManager's for a jar run through
 * the REST API and in application mode (Kubernetes), where {@link FvmReplay#main}'s {@code System.exit} would stop the
 * JobManager itself. Here a failure is thrown instead, so Flink reports it and {@code flink run} exits non-zero.
 */
public final class ClusterMain {
    private ClusterMain() {}

    public static void main(String[] args) throws Exception {
        run(FvmReplay.commandLine(), args);
    }

    /** Runs {@code commandLine} on {@code args}; returns normally only if it exits with code 0. */
    static void run(CommandLine commandLine, String[] args) throws Exception {
        Exception[] failure = new Exception[1];
        // picocli would print the exception and return a code; Flink wants it thrown, with its cause (a failed job)
        // intact
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            failure[0] = e;
            return cl.getCommandSpec().exitCodeOnExecutionException();
        });
        int code = commandLine.execute(args);
        if (failure[0] != null) {
            throw failure[0];
        }
        if (code != 0) {
            throw new IllegalStateException(
                    "fvm-replay " + String.join(" ", args) + ": exit code " + code + " (see the lines above)");
        }
    }
}
