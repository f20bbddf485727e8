package org.fvmreplay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fvmreplay.cli.FvmReplay;

/** The shared devnet chains ({@code ../shared/chains}) as the job's tests use them: located, and imported into a store. */
final class DevnetChains {
    private DevnetChains() {}

    /** {@code ../shared/chains}, or the {@code fvmreplay.shared} system property's {@code chains}. */
    static Path sharedChains() {
        String property = System.getProperty("fvmreplay.shared");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        return dir.resolve("chains").toAbsolutePath().normalize();
    }

    /** The network file of {@code chain} ({@code devnet-a}, {@code devnet-c}): its {@code manifest.json}. */
    static Path network(String chain) {
        return sharedChains().resolve(chain).resolve("manifest.json");
    }

    /** Imports {@code chain} into a new store at {@code store} with the {@code import} command, and returns the store. */
    static Path importInto(String chain, Path store) {
        assertThat(FvmReplay.commandLine()
                        .execute(
                                "import",
                                sharedChains()
                                        .resolve(chain)
                                        .resolve("chain.car.zst")
                                        .toString(),
                                "--store",
                                store.toString(),
                                "--no-progress"))
                .as("import of %s", chain)
                .isZero();
        return store;
    }
}
