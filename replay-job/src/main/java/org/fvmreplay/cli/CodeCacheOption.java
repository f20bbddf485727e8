package org.fvmreplay.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --code-cache DIR} / {@code --no-code-cache}: where the actors' compiled code is kept from one run to the next.
 * On by default, in the user's cache folder: a run after the first compiles nothing it compiled before.
 */
public final class CodeCacheOption {
    private static final Logger LOG = LoggerFactory.getLogger(CodeCacheOption.class);

    @Option(
            names = "--code-cache",
            paramLabel = "DIR",
            description =
                    "keep the actors' compiled code in DIR (created if absent), so that a later run with the same "
                            + "engine loads it instead of compiling again; several processes may share DIR "
                            + "(default: $XDG_CACHE_HOME/fvm-replay/code, else ~/.cache/fvm-replay/code)")
    private Path dir;

    @Option(names = "--no-code-cache", description = "compile the actors' code in memory only, keeping nothing on disk")
    private boolean disabled;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * The folder: the one given, else the default one when it can be created, else none (with a warning).
     *
     * @throws ParameterException when both {@code --code-cache} and {@code --no-code-cache} are given
     */
    public Optional<Path> dir() {
        if (disabled && dir != null) {
            throw new ParameterException(
                    command.commandLine(), "--code-cache " + dir + " and --no-code-cache: give one of them");
        }
        if (disabled) {
            return Optional.empty();
        }
        if (dir != null) {
            return Optional.of(dir);
        }
        Optional<Path> standard = defaultDirectory(System.getenv(), System.getProperty("user.home"));
        if (standard.isEmpty()) {
            LOG.warn("no cache folder (neither XDG_CACHE_HOME nor a home folder is set): compiled code is not kept");
            return Optional.empty();
        }
        try {
            Files.createDirectories(standard.get());
            return standard;
        } catch (IOException e) {
            LOG.warn(
                    "cannot create the code cache {} ({}): compiled code is not kept; give --code-cache DIR",
                    standard.get(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** {@code $XDG_CACHE_HOME/fvm-replay/code}, else {@code <home>/.cache/fvm-replay/code}, as the XDG base directories say. */
    static Optional<Path> defaultDirectory(Map<String, String> environment, String home) {
        String xdg = environment.get("XDG_CACHE_HOME");
        // the specification says a relative XDG_CACHE_HOME is invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "fvm-replay", "code"));
        }
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "fvm-replay", "code"));
    }
}
