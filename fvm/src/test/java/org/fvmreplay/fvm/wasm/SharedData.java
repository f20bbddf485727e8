package org.fvmreplay.fvm.wasm;

import java.nio.file.Path;

/** Locates the shared test data directory (system property {@code fvmreplay.shared}, else {@code ../shared} next to the repo). */
public final class SharedData {
    private SharedData() {}

    public static Path directory() {
        String configured = System.getProperty("fvmreplay.shared");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // surefire runs in the module directory; the repository root is its parent
        return Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
    }
}
