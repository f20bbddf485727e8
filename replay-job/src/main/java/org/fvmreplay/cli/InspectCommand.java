package org.fvmreplay.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fvmreplay.ipld.car.CarFormatException;
import org.fvmreplay.ipld.car.CarReadOptions;
import org.fvmreplay.ipld.car.CarReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect FILE...}: reads and verifies CAR files and prints what they hold. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Read CAR files (CARv1, CARv2, zstd, Forest), verify every block against its CID, and summarise them.")
public final class InspectCommand implements Callable<Integer> {
    /** Exit code when at least one file could not be read. */
    public static final int EXIT_BAD_INPUT = 1;

    private static final Logger log = LoggerFactory.getLogger(InspectCommand.class);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CAR files to inspect.")
    private List<Path> files;

    @Option(names = "--no-verify", description = "Do not hash blocks against their CIDs.")
    private boolean noVerify;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CarReadOptions options = CarReadOptions.defaults().withVerifyBlocks(!noVerify);
        int failed = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("error: " + file + ": no such file");
                failed++;
                continue;
            }
            log.debug("inspecting {}", file);
            try (CarReader reader = CarReader.open(file, options)) {
                out.print(CarSummary.of(reader).render());
                out.flush();
            } catch (CarFormatException e) {
                err.println("error: " + e.getMessage());
                err.println("  " + file + " is not a valid CAR file from byte " + e.offset()
                        + " on; the file is damaged or not a CAR.");
                failed++;
            } catch (UncheckedIOException e) {
                err.println("error: " + e.getMessage());
                failed++;
            }
            err.flush();
        }
        return failed == 0 ? 0 : EXIT_BAD_INPUT;
    }
}
