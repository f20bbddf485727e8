package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference price lists, loaded from one JSON resource per list, their choice by network version, and override files
 * for gas-repricing studies.
 * <p>
 * <b>Resource files</b> ({@code org/fvmreplay/fvm/gas/<name>.json}, named after the reference's constants:
 * {@code oh-snap} = {@code OH_SNAP_PRICES}, {@code skyr} = {@code SKYR_PRICES}, {@code hygge} = {@code HYGGE_PRICES},
 * {@code watermelon} = {@code WATERMELON_PRICES}, {@code teep} = {@code TEEP_PRICES}) have {@code "name"}, then either
 * {@code "generation"} ({@code "v2"}, {@code "v3"} or {@code "v4"}) and every entry of that generation, or
 * {@code "inherits"} (another list's file name) and only the entries that differ, in a {@code "prices"} object. So
 * {@code skyr.json} reads as the six prices the Skyr upgrade changed on top of {@code oh-snap.json}, and {@code teep.json}
 * as the seal verification prices the Teep upgrade changed on top of {@code watermelon.json}.
 * <p>
 * <b>Override files</b> ({@link #withOverrides}) have the same {@code "prices"} object, plus an optional {@code "name"} for the
 * resulting list and an optional {@code "description"}. Every key of {@code "prices"} is a {@linkplain PriceEntry reference
 * entry name} of the base list's generation, or {@code "wasm_rules"} holding WebAssembly price entries. Values:
 * <ul>
 * <li>gas amounts are JSON numbers in gas with at most three decimals ({@code 0.4} is 400 milligas); negative only where the
 * FVM v2 reference itself is negative ({@code send_invoke_method}, {@code delete_actor});</li>
 * <li>{@code storage_gas_multiplier} is a non-negative integer;</li>
 * <li>scaling costs are {@code {"flat": gas, "scale": gas}}; a field left out keeps the base value;</li>
 * <li>maps by proof type, signature type or hash ({@code verify_post_lookup}, {@code verify_aggregate_seal_per},
 * {@code verify_aggregate_seal_steps}, {@code sig_cost}, {@code hashing_cost}) merge key by key, keys being the reference's
 * enum names (e.g. {@code StackedDRGWindow32GiBV1P1}, {@code BLS}, {@code Keccak256}; FVM v4 lists cannot key on the V1
 * window PoSt types, which fvm_shared v4 removed);</li>
 * <li>step functions are replaced whole: {@code [{"start": 4, "cost": 103994170}, ...]} with increasing starts;</li>
 * <li>{@code preloaded_actors} is an array of actor ids, replaced whole.</li>
 * </ul>
 * Example, doubling BLS verification and making 32 GiB window PoSt cheaper on top of {@code HYGGE_PRICES}:
 * <pre>{@code
 * {
 *   "name": "hygge-cheap-post",
 *   "description": "repricing study 7",
 *   "prices": {
 *     "sig_cost": { "BLS": { "flat": 33197210 } },
 *     "verify_post_lookup": { "StackedDRGWindow32GiBV1P1": { "flat": 100000000, "scale": 40000 } },
 *     "block_memcpy": { "scale": 0.5 },
 *     "wasm_rules": { "instruction_default": 5 }
 *   }
 * }
 * }</pre>
 * An unknown entry or key, an entry of the other generation, a value of the wrong shape, a fraction finer than a milligas or a
 * negative price fails with a {@link PriceListFormatException} naming the file, the entry and what was expected.
 */
public final class PriceLists {
    public static final String OH_SNAP = "oh-snap";
    public static final String SKYR = "skyr";
    public static final String HYGGE = "hygge";
    public static final String WATERMELON = "watermelon";
    public static final String TEEP = "teep";

    private static final List<String> RESOURCE_NAMES = List.of(OH_SNAP, SKYR, HYGGE, WATERMELON, TEEP);
    private static final Set<String> RESOURCE_KEYS = Set.of("name", "description", "generation", "inherits", "prices");
    private static final Set<String> OVERRIDE_KEYS = Set.of("name", "description", "prices");

    private PriceLists() {}

    /** Loaded once, on first use; a broken resource is a build defect, reported with the resource's name. */
    private static final class Loaded {
        static final Map<String, PriceList> LISTS = loadAll();
    }

    /**
     * The price list for network version {@code networkVersion}, as the reference's {@code price_list_by_network_version}
     * on {@code release/v2} (16, 17: {@code SKYR_PRICES}), {@code release/v3} (18, 19, 20: {@code HYGGE_PRICES}) and
     * {@code master} (21 to 24: {@code WATERMELON_PRICES}; 25 to 28, and 29 with the {@code nv29-dev} feature that Lotus's
     * filecoin-ffi enables: {@code TEEP_PRICES}).
     */
    public static PriceList forNetworkVersion(int networkVersion) {
        return switch (networkVersion) {
            case 16, 17 -> byName(SKYR);
            case 18, 19, 20 -> byName(HYGGE);
            case 21, 22, 23, 24 -> byName(WATERMELON);
            case 25, 26, 27, 28, 29 -> byName(TEEP);
            default ->
                throw new IllegalArgumentException("network version " + networkVersion
                        + " is not supported: price lists cover network versions 16 and 17 (FVM v2, SKYR_PRICES), 18 to 20 (FVM v3, HYGGE_PRICES),"
                        + " 21 to 24 (FVM v4, WATERMELON_PRICES) and 25 to 29 (FVM v4, TEEP_PRICES)");
        };
    }

    /** A reference price list by file name ({@value #OH_SNAP}, {@value #SKYR}, {@value #HYGGE}, {@value #WATERMELON}, {@value #TEEP}). */
    public static PriceList byName(String name) {
        requireNonNull(name, "name is null");
        PriceList list = Loaded.LISTS.get(name);
        if (list == null) {
            throw new IllegalArgumentException("no price list named '" + name + "'; known lists are " + RESOURCE_NAMES);
        }
        return list;
    }

    /** {@code base} with the entries of the override file {@code json} replaced (see the class documentation for the format). */
    public static PriceList withOverrides(PriceList base, Path json) {
        requireNonNull(base, "base is null");
        requireNonNull(json, "json is null");
        String content;
        try {
            content = Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price override file " + json + ": " + e.getMessage(), e);
        }
        return withOverrides(base, json.toString(), content);
    }

    static PriceList withOverrides(PriceList base, String source, String content) {
        JsonNode root = PriceListParser.readDocument(source, content, OVERRIDE_KEYS);
        String name = PriceListParser.optionalText(source, root, "name");
        PriceListParser.optionalText(source, root, "description");
        Map<PriceEntry, Object> values =
                PriceListParser.apply(source, base.generation(), base.values(), root.get("prices"));
        PriceListParser.validateComplete(source, base.generation(), values);
        return new PriceList(
                name != null ? name : base.name() + " with overrides from " + source, base.generation(), values);
    }

    private static Map<String, PriceList> loadAll() {
        Map<String, PriceList> lists = new LinkedHashMap<>();
        for (String name : RESOURCE_NAMES) {
            load(name, lists, 0);
        }
        return Map.copyOf(lists);
    }

    private static PriceList load(String fileName, Map<String, PriceList> loaded, int depth) {
        PriceList existing = loaded.get(fileName);
        if (existing != null) {
            return existing;
        }
        String source = "resource " + fileName + ".json";
        if (depth > RESOURCE_NAMES.size()) {
            throw new PriceListFormatException(source, "inheritance cycle");
        }
        JsonNode root = PriceListParser.readDocument(source, readResource(fileName, source), RESOURCE_KEYS);
        String name = PriceListParser.optionalText(source, root, "name");
        String inherits = PriceListParser.optionalText(source, root, "inherits");
        String generationName = PriceListParser.optionalText(source, root, "generation");
        if (name == null || (inherits == null) == (generationName == null)) {
            throw new PriceListFormatException(
                    source, "expected \"name\" and exactly one of \"generation\" and \"inherits\"");
        }
        FvmGeneration generation;
        Map<PriceEntry, Object> base;
        if (inherits != null) {
            PriceList parent = load(inherits, loaded, depth + 1);
            generation = parent.generation();
            base = parent.values();
        } else {
            generation = FvmGeneration.fromFileName(generationName)
                    .orElseThrow(() -> new PriceListFormatException(
                            source, "generation '" + generationName + "': expected \"v2\", \"v3\" or \"v4\""));
            base = new EnumMap<>(PriceEntry.class);
        }
        Map<PriceEntry, Object> values = PriceListParser.apply(source, generation, base, root.get("prices"));
        PriceListParser.validateComplete(source, generation, values);
        PriceList list = new PriceList(name, generation, values);
        loaded.put(fileName, list);
        return list;
    }

    /**
     * {@code base} with every entry that {@code prices} also has taken from {@code prices}: how one generation's machine runs
     * under another generation's prices for repricing studies (entries only one generation has keep {@code base}'s value).
     * <p>
     * {@code verify_post_lookup} is adapted where the two generations key it differently (FVM v4 has no V1 window PoSt types
     * and falls back to {@code StackedDRGWindow512MiBV1P1} instead of {@code StackedDRGWindow512MiBV1}): types that
     * {@code base}'s generation lacks are dropped, and {@code base}'s fallback type, if missing, is priced as {@code prices}
     * charges it (through {@code prices}' own fallback). So a PoSt proof costs on the result what it costs on {@code prices}.
     */
    public static PriceList withPricesOf(PriceList base, PriceList prices) {
        requireNonNull(base, "base is null");
        requireNonNull(prices, "prices is null");
        Map<PriceEntry, Object> values = new EnumMap<>(base.values());
        for (PriceEntry entry : prices.entries()) {
            if (entry.usedBy(base.generation())) {
                values.put(entry, prices.value(entry));
            }
        }
        values.put(PriceEntry.VERIFY_POST_LOOKUP, postLookupFor(base.generation(), prices));
        return new PriceList(prices.name() + " on " + base.generation().fileName(), base.generation(), values);
    }

    private static Map<RegisteredPoStProof, ScalingCost> postLookupFor(FvmGeneration generation, PriceList prices) {
        Map<RegisteredPoStProof, ScalingCost> lookup = new EnumMap<>(RegisteredPoStProof.class);
        prices.verifyPostLookup().forEach((proof, cost) -> {
            if (proof.existsIn(generation)) {
                lookup.put(proof, cost);
            }
        });
        RegisteredPoStProof fallback = PriceList.postFallback(generation);
        lookup.putIfAbsent(fallback, prices.postCost(fallback));
        return Collections.unmodifiableMap(lookup);
    }

    private static String readResource(String fileName, String source) {
        try (InputStream in = PriceLists.class.getResourceAsStream(fileName + ".json")) {
            if (in == null) {
                throw new PriceListFormatException(source, "not found on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price list " + source, e);
        }
    }
}
