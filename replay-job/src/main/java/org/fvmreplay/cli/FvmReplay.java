package org.fvmreplay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code fvm-replay} command line: one subcommand per job. */
@Command(
        name = "fvm-replay",
        mixinStandardHelpOptions = true,
        version = "fvm-replay 0.1.0-SNAPSHOT",
        description = "Re-execute Filecoin mainnet history with a Java FVM.",
        subcommands = {
            JobCommand.class,
            ConformanceCommand.class,
            InspectCommand.class,
            ImportCommand.class,
            SnapshotsCommand.class,
            ReplayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FvmReplay implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree, for {@link #main} and for in-process tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new FvmReplay());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'fvm-replay inspect FILE...'");
    }
}
