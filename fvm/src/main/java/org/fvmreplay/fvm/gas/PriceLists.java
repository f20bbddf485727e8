package org.fvmreplay.fvm.gas;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The reference price lists, loaded from one JSON resource per list, their choice by network version, and override files
 * for gas-repricing studies.
 * <p>
 * <b>Resource files</b> ({@code org/fvmreplay/fvm/gas/<name>.json}, named after the reference's constants:
 * {@code oh-snap} = {@code OH_SNAP_PRICES}, {@code skyr} = {@code SKYR_PRICES}, {@code hygge} = {@code HYGGE_PRICES}) have
 * {@code "name"}, then either {@code "generation"} ({@code "v2"} or {@code "v3"}) and every entry of that generation, or
 * {@code "inherits"} (another list's file name) and only the entries that differ, in a {@code "prices"} object. So
 * {@code skyr.json} reads as the six prices the Skyr upgrade changed on top of {@code oh-snap.json}.
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
 * enum names (e.g. {@code StackedDRGWindow32GiBV1P1}, {@code BLS}, {@code Keccak256});</li>
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
public final class PriceLists
{
    public static final String OH_SNAP = "oh-snap";
    public static final String SKYR = "skyr";
    public static final String HYGGE = "hygge";

    private static final List<String> RESOURCE_NAMES = List.of(OH_SNAP, SKYR, HYGGE);
    private static final Set<String> RESOURCE_KEYS = Set.of("name", "description", "generation", "inherits", "prices");
    private static final Set<String> OVERRIDE_KEYS = Set.of("name", "description", "prices");

    private PriceLists() {}

    /** Loaded once, on first use; a broken resource is a build defect, reported with the resource's name. */
    private static final class Loaded
    {
        static final Map<String, PriceList> LISTS = loadAll();
    }

    /**
     * The price list for network version {@code networkVersion}, as the reference's {@code price_list_by_network_version}
     * on {@code release/v2} (16, 17: {@code SKYR_PRICES}) and {@code release/v3} (18, 19, 20: {@code HYGGE_PRICES}).
     */
    public static PriceList forNetworkVersion(int networkVersion)
    {
        return switch (networkVersion) {
            case 16, 17 -> byName(SKYR);
            case 18, 19, 20 -> byName(HYGGE);
            default -> throw new IllegalArgumentException("network version " + networkVersion
                    + " is not supported: price lists cover network versions 16 and 17 (FVM v2, SKYR_PRICES) and 18 to 20 (FVM v3, HYGGE_PRICES)");
        };
    }

    /** A reference price list by file name ({@value #OH_SNAP}, {@value #SKYR}, {@value #HYGGE}). */
    public static PriceList byName(String name)
    {
        requireNonNull(name, "name is null");
        PriceList list = Loaded.LISTS.get(name);
        if (list == null) {
            throw new IllegalArgumentException("no price list named '" + name + "'; known lists are " + RESOURCE_NAMES);
        }
        return list;
    }

    /** {@code base} with the entries of the override file {@code json} replaced (see the class documentation for the format). */
    public static PriceList withOverrides(PriceList base, Path json)
    {
        requireNonNull(base, "base is null");
        requireNonNull(json, "json is null");
        String content;
        try {
            content = Files.readString(json, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read price override file " + json + ": " + e.getMessage(), e);
        }
        return withOverrides(base, json.toString(), content);
    }

    static PriceList withOverrides(PriceList base, String source, String content)
    {
        JsonNode root = PriceListParser.readDocument(source, content, OVERRIDE_KEYS);
        String name = PriceListParser.optionalText(source, root, "name");
        PriceListParser.optionalText(source, root, "description");
        Map<PriceEntry, Object> values = PriceListParser.apply(source, base.generation(), base.values(), root.get("prices"));
        PriceListParser.validateComplete(source, base.generation(), values);
        return new PriceList(name != null ? name : base.name() + " with overrides from " + source, base.generation(), values);
    }

    private static Map<String, PriceList> loadAll()
    {
        Map<String, PriceList> lists = new LinkedHashMap<>();
        for (String name : RESOURCE_NAMES) {
            load(name, lists, 0);
        }
        return Map.copyOf(lists);
    }

    private static PriceList load(String fileName, Map<String, PriceList> loaded, int depth)
    {
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
            throw new PriceListFormatException(source, "expected \"name\" and exactly one of \"generation\" and \"inherits\"");
        }
        FvmGeneration generation;
        Map<PriceEntry, Object> base;
        if (inherits != null) {
            PriceList parent = load(inherits, loaded, depth + 1);
            generation = parent.generation();
            base = parent.values();
        }
        else {
            generation = switch (generationName) {
                case "v2" -> FvmGeneration.V2;
                case "v3" -> FvmGeneration.V3;
                default -> throw new PriceListFormatException(source, "generation '" + generationName + "': expected \"v2\" or \"v3\"");
            };
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
     */
    public static PriceList withPricesOf(PriceList base, PriceList prices)
    {
        requireNonNull(base, "base is null");
        requireNonNull(prices, "prices is null");
        Map<PriceEntry, Object> values = new EnumMap<>(base.values());
        for (PriceEntry entry : prices.entries()) {
            if (entry.usedBy(base.generation())) {
                values.put(entry, prices.value(entry));
            }
        }
        return new PriceList(prices.name() + " on " + base.generation().fileName(), base.generation(), values);
    }

    private static String readResource(String fileName, String source)
    {
        try (InputStream in = PriceLists.class.getResourceAsStream(fileName + ".json")) {
            if (in == null) {
                throw new PriceListFormatException(source, "not found on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read price list " + source, e);
        }
    }
}
