package org.fvmreplay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fvm-replay} command line: one subcommand per task. */
@Command(name = "fvm-replay", mixinStandardHelpOptions = true, version = "fvm-replay 0.1.0-SNAPSHOT",
        description = "Re-execute Filecoin mainnet history with a Java FVM.",
        subcommands = {ImportCommand.class, SnapshotsCommand.class})
public final class FvmReplay implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new FvmReplay()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
