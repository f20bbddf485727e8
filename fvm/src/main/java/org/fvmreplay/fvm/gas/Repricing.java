package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prices of a gas-repricing study, for messages of any network version: another network version's price list, an
 * override file (see {@link PriceLists#withOverrides}) applied on top, or both.
 * <p>
 * The override file is read once, when this is made, and kept as text: a copy of this object (Flink ships it to every
 * task) needs no access to the file. Each network version's list is built on first use and then shared.
 */
public final class Repricing implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Integer networkVersion;
    private final String overrideSource;
    private final String overrideContent;
    private transient volatile Map<Integer, PriceList> byMessageVersion;

    private Repricing(Integer networkVersion, String overrideSource, String overrideContent) {
        this.networkVersion = networkVersion;
        this.overrideSource = overrideSource;
        this.overrideContent = overrideContent;
    }

    /**
     * The price list of network version {@code networkVersion} (if present) with the entries of {@code overrideFile} (if
     * present) replaced.
     *
     * @throws IllegalArgumentException when both are empty or the network version has no price list
     * @throws UncheckedIOException when the file cannot be read (its content is checked per network version, in
     *     {@link #priceListFor})
     */
    public static Repricing of(OptionalInt networkVersion, Optional<Path> overrideFile) {
        requireNonNull(networkVersion, "networkVersion is null");
        requireNonNull(overrideFile, "overrideFile is null");
        if (networkVersion.isEmpty() && overrideFile.isEmpty()) {
            throw new IllegalArgumentException(
                    "a repricing needs a network version's prices, an override file or both");
        }
        if (networkVersion.isPresent()) {
            PriceLists.forNetworkVersion(networkVersion.getAsInt()); // fail now on an unknown version, not per message
        }
        String content = null;
        if (overrideFile.isPresent()) {
            try {
                content = Files.readString(overrideFile.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read price override file " + overrideFile.get() + ": " + e.getMessage(), e);
            }
        }
        return new Repricing(
                networkVersion.isPresent() ? networkVersion.getAsInt() : null,
                overrideFile.map(Path::toString).orElse(null),
                content);
    }

    /** The price list of network version {@code networkVersion} for messages of every network version. */
    public static Repricing networkVersion(int networkVersion) {
        return of(OptionalInt.of(networkVersion), Optional.empty());
    }

    /** Each message's own price list with the entries of {@code file} replaced. */
    public static Repricing overrides(Path file) {
        return of(OptionalInt.empty(), Optional.of(requireNonNull(file, "file is null")));
    }

    /**
     * The prices a message of network version {@code messageNetworkVersion} runs under. Another generation's list (FVM v3
     * prices on an FVM v4 message) is applied entry by entry on top of the message's own list (see
     * {@link PriceLists#withPricesOf}), since the machine still runs the message's semantics; the override file comes last.
     *
     * @throws PriceListFormatException when the override file does not fit this network version's generation
     */
    public PriceList priceListFor(int messageNetworkVersion) {
        return cache().computeIfAbsent(messageNetworkVersion, nv -> {
            PriceList own = PriceLists.forNetworkVersion(nv);
            PriceList prices = own;
            if (networkVersion != null) {
                PriceList target = PriceLists.forNetworkVersion(networkVersion);
                prices = target.generation() == own.generation() ? target : PriceLists.withPricesOf(own, target);
            }
            return overrideContent == null ? prices : PriceLists.withOverrides(prices, overrideSource, overrideContent);
        });
    }

    /** How reports name these prices, e.g. {@code prices of network version 21 with overrides from study.json}. */
    public String describe() {
        String nv = networkVersion != null ? "prices of network version " + networkVersion : null;
        String file = overrideSource != null ? "price overrides from " + overrideSource : null;
        return nv == null ? file : file == null ? nv : nv + " with " + file;
    }

    /**
     * What distinguishes these prices from others in a run's identity: the network version and the SHA-256 of the override
     * file's content (not its path, so an edited file is another study).
     */
    public Map<String, String> identity() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("price_nv", networkVersion != null ? networkVersion.toString() : "(each message's own)");
        id.put("price_list_sha256", overrideContent != null ? sha256(overrideContent) : "(none)");
        return id;
    }

    /** Equal when made from the same network version and the same override content from the same path. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Repricing other
                && Objects.equals(networkVersion, other.networkVersion)
                && Objects.equals(overrideSource, other.overrideSource)
                && Objects.equals(overrideContent, other.overrideContent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(networkVersion, overrideSource, overrideContent);
    }

    @Override
    public String toString() {
        return describe();
    }

    private Map<Integer, PriceList> cache() {
        Map<Integer, PriceList> cache = byMessageVersion;
        if (cache == null) {
            synchronized (this) {
                if (byMessageVersion == null) {
                    byMessageVersion = new ConcurrentHashMap<>();
                }
                cache = byMessageVersion;
            }
        }
        return cache;
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
