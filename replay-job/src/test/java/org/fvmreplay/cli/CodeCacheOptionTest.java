package org.fvmreplay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Where the code cache goes: the folder given, none when disabled, else the XDG cache folder. */
class CodeCacheOptionTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CodeCacheOption codeCache = new CodeCacheOption();
    }

    private static CodeCacheOption parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.codeCache;
    }

    @Test
    void theFolderGivenIsUsed(@TempDir Path dir) {
        assertThat(parse("--code-cache", dir.toString()).dir()).contains(dir);
    }

    @Test
    void noCodeCacheKeepsNothing() {
        assertThat(parse("--no-code-cache").dir()).isEmpty();
    }

    @Test
    void aFolderAndNoCacheAtOnceIsRefused(@TempDir Path dir) {
        CodeCacheOption both = parse("--code-cache", dir.toString(), "--no-code-cache");
        assertThatThrownBy(both::dir)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--no-code-cache");
    }

    @Test
    void byDefaultTheXdgCacheFolderElseTheHomeCacheFolder() {
        assertThat(CodeCacheOption.defaultDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"))
                .contains(Path.of("/var/cache/me", "fvm-replay", "code"));
        assertThat(CodeCacheOption.defaultDirectory(Map.of(), "/home/me"))
                .contains(Path.of("/home/me", ".cache", "fvm-replay", "code"));
        // a relative XDG_CACHE_HOME is invalid by the specification: ignored
        assertThat(CodeCacheOption.defaultDirectory(Map.of("XDG_CACHE_HOME", "cache"), "/home/me"))
                .contains(Path.of("/home/me", ".cache", "fvm-replay", "code"));
        assertThat(CodeCacheOption.defaultDirectory(Map.of(), null)).isEqualTo(Optional.empty());
    }

    @Test
    void testsGetTheBuildsOwnCacheFolderNotTheUsers() {
        // the build sets XDG_CACHE_HOME for tests, so commands run by tests never write to ~/.cache
        assertThat(parse().dir())
                .hasValueSatisfying(dir -> assertThat(dir.toString()).contains("test-cache"));
    }
}
