package org.fvmreplay.fvm.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared, the reference data beside the repository (set by surefire as fvmreplay.shared). */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("fvmreplay.shared");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("reference data not found at " + p.toAbsolutePath()
                    + ": clone the repository beside shared/ (see README)");
        }
        return p.normalize();
    }

    public static Path vectors() {
        return root().resolve("vectors");
    }
}
