package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.fvmreplay.fvm.gas.PriceList;
import org.fvmreplay.fvm.gas.PriceLists;

/**
 * Which prices to re-run vectors under: another network version's price list, or a JSON override file applied on top
 * of each variant's own price list (see {@link PriceLists#withOverrides}).
 */
public final class Repricing {
    private final OptionalInt networkVersion;
    private final Optional<Path> overrideFile;
    private final Map<Integer, PriceList> byBaseVersion = new ConcurrentHashMap<>();

    private Repricing(OptionalInt networkVersion, Optional<Path> overrideFile) {
        this.networkVersion = networkVersion;
        this.overrideFile = overrideFile;
    }

    /** The price list of network version {@code networkVersion} for every variant. */
    public static Repricing networkVersion(int networkVersion) {
        Repricing repricing = new Repricing(OptionalInt.of(networkVersion), Optional.empty());
        PriceLists.forNetworkVersion(networkVersion); // fail now on an unknown version, not once per vector
        return repricing;
    }

    /** Each variant's own price list with the entries of {@code file} replaced. */
    public static Repricing overrides(Path file) {
        return new Repricing(OptionalInt.empty(), Optional.of(requireNonNull(file, "file")));
    }

    /**
     * The prices a variant of network version {@code variantNetworkVersion} runs under. Another generation's list (FVM v2
     * prices on an FVM v3 variant) is applied entry by entry on top of the variant's own list, since the machine still
     * runs the variant's semantics.
     */
    public PriceList priceListFor(int variantNetworkVersion) {
        return byBaseVersion.computeIfAbsent(variantNetworkVersion, nv -> {
            PriceList own = PriceLists.forNetworkVersion(nv);
            if (overrideFile.isPresent()) {
                return PriceLists.withOverrides(own, overrideFile.get());
            }
            PriceList target = PriceLists.forNetworkVersion(networkVersion.getAsInt());
            return target.generation() == own.generation() ? target : PriceLists.withPricesOf(own, target);
        });
    }

    /** How the report names these prices. */
    public String describe() {
        return networkVersion.isPresent()
                ? "prices of network version " + networkVersion.getAsInt()
                : "price overrides from " + overrideFile.get();
    }
}
