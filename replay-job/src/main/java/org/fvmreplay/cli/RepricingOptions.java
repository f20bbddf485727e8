package org.fvmreplay.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.fvmreplay.fvm.gas.Repricing;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --price-nv} and {@code --price-list} options shared by the commands that reprice ({@code conformance}, {@code job}). */
final class RepricingOptions {
    @Option(
            names = "--price-nv",
            paramLabel = "N",
            description = "Reprice: run a second time under the price list of network version N.")
    Integer priceNetworkVersion;

    @Option(
            names = "--price-list",
            paramLabel = "FILE",
            description = "Reprice: run a second time with the entries of this JSON override file replaced (on top of "
                    + "--price-nv's list when both are given, else of each message's own).")
    Path priceList;

    /** Whether either option was given. */
    boolean requested() {
        return priceNetworkVersion != null || priceList != null;
    }

    /**
     * The repricing asked for. The override file names entries of one FVM generation: it is checked now against the network
     * versions in {@code networkVersions} and must fit at least one of them (none given: not checked here), so that a
     * mistake is a usage error naming the option rather than an error per message.
     *
     * @throws ParameterException on an unknown network version, a missing or unreadable file, or a file that fits none
     */
    Optional<Repricing> parse(CommandLine commandLine, Collection<Integer> networkVersions) {
        if (!requested()) {
            return Optional.empty();
        }
        if (priceList != null && !Files.isRegularFile(priceList)) {
            throw new ParameterException(commandLine, "--price-list " + priceList + ": no such file");
        }
        Repricing repricing;
        try {
            repricing = Repricing.of(
                    priceNetworkVersion != null ? OptionalInt.of(priceNetworkVersion) : OptionalInt.empty(),
                    Optional.ofNullable(priceList));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(commandLine, option() + ": " + e.getMessage());
        }
        List<String> misfits = new ArrayList<>();
        for (int nv : networkVersions) {
            try {
                repricing.priceListFor(nv);
                return Optional.of(repricing);
            } catch (RuntimeException e) {
                misfits.add("for network version " + nv + ": " + e.getMessage());
            }
        }
        if (!misfits.isEmpty()) {
            throw new ParameterException(
                    commandLine, option() + " fits no network version: " + String.join("; ", misfits));
        }
        return Optional.of(repricing);
    }

    private String option() {
        String nv = priceNetworkVersion != null ? "--price-nv " + priceNetworkVersion : null;
        String file = priceList != null ? "--price-list " + priceList : null;
        return nv == null ? file : file == null ? nv : nv + " " + file;
    }
}
