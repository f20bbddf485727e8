package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's reference data ({@code ../shared}) for tests. */
public final class SharedData {
    private SharedData() {}

    /** From the {@code fvmreplay.shared} property that surefire sets, else {@code ../shared} from the repository root. */
    public static Path root() {
        String property = System.getProperty("fvmreplay.shared");
        Path dir;
        if (property != null && !property.isBlank()) {
            dir = Path.of(property);
        } else {
            Path cwd = Path.of("").toAbsolutePath();
            // tests run from the module directory; the repository root is its parent
            dir = Files.isDirectory(cwd.resolve("../shared")) && Files.exists(cwd.resolve("mvnw"))
                    ? cwd.resolve("../shared")
                    : cwd.resolve("../../shared");
        }
        assertThat(dir).as("shared data directory (set -Dfvmreplay.shared)").isDirectory();
        return dir.normalize();
    }

    public static Path snapshot(String name) {
        return root().resolve("snapshots").resolve(name);
    }
}
