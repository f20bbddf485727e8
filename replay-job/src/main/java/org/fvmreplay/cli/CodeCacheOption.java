package org.fvmreplay.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --code-cache DIR}: where the actors' compiled code is kept from one run to the next. */
public final class CodeCacheOption {
    @Option(
            names = "--code-cache",
            paramLabel = "DIR",
            description =
                    "keep the actors' compiled code in DIR (created if absent), so that a later run with the same "
                            + "engine loads it instead of compiling again; several processes may share DIR")
    private Path dir;

    /** The folder, when given. */
    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }
}
