package org.fvmreplay.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The job jar's entry point never exits the JVM (the test JVM would die) and turns every failure into an exception. */
class ClusterMainTest {
    @Test
    void returnsOnSuccess() {
        assertThatCode(() -> ClusterMain.run(quiet(FvmReplay.commandLine()), new String[] {"--version"}))
                .doesNotThrowAnyException();
    }

    @Test
    void usageErrorIsThrownWithItsExitCode() {
        assertThatThrownBy(() -> ClusterMain.run(quiet(FvmReplay.commandLine()), new String[] {"no-such-command"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fvm-replay no-such-command: exit code 2");
    }

    @Test
    void nonZeroExitCodeIsThrown() {
        assertThatThrownBy(() -> ClusterMain.run(quiet(new CommandLine(new Exits())), new String[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 1");
    }

    @Test
    void exceptionOfTheCommandIsRethrownAsItIs() {
        assertThatThrownBy(() -> ClusterMain.run(quiet(new CommandLine(new Fails())), new String[0]))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("the job failed");
    }

    private static CommandLine quiet(CommandLine commandLine) {
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return commandLine;
    }

    @Command(name = "exits")
    static final class Exits implements Callable<Integer> {
        @Override
        public Integer call() {
            return 1;
        }
    }

    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new java.io.IOException("the job failed");
        }
    }
}
