package org.fvmreplay.fvm.gas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads price list documents and applies their {@code prices} object, entry by entry, onto a base list's values. */
final class PriceListParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // exact decimals: 0.4 gas must become 400 milligas, not a binary approximation
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String WASM_RULES = "wasm_rules";

    private final String source;
    private final FvmGeneration generation;

    private PriceListParser(String source, FvmGeneration generation) {
        this.source = source;
        this.generation = generation;
    }

    /** Parses {@code json} as an object whose top-level keys are all in {@code allowedKeys}. */
    static JsonNode readDocument(String source, String json, Set<String> allowedKeys) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PriceListFormatException(
                    source,
                    "not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr()),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new PriceListFormatException(
                    source, "expected a JSON object with a \"prices\" object, got " + describe(root));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedKeys.contains(name)) {
                throw new PriceListFormatException(
                        source, "unknown top-level key '" + name + "'; expected " + allowedKeys);
            }
        }
        if (!root.path("prices").isObject()) {
            throw new PriceListFormatException(
                    source, "expected a \"prices\" object, got " + describe(root.get("prices")));
        }
        return root;
    }

    static String optionalText(String source, JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PriceListFormatException(
                    source, "top-level key '" + key + "': expected a string, got " + describe(node));
        }
        return node.asText();
    }

    /** Returns {@code base} with every entry of {@code prices} applied; maps merge key by key, other values replace. */
    static Map<PriceEntry, Object> apply(
            String source, FvmGeneration generation, Map<PriceEntry, Object> base, JsonNode prices) {
        PriceListParser parser = new PriceListParser(source, generation);
        Map<PriceEntry, Object> values = new EnumMap<>(PriceEntry.class);
        values.putAll(base);
        for (Iterator<Map.Entry<String, JsonNode>> fields = prices.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(WASM_RULES)) {
                if (!field.getValue().isObject()) {
                    throw new PriceListFormatException(
                            source,
                            "entry '" + WASM_RULES + "': expected an object of WebAssembly prices, got "
                                    + describe(field.getValue()));
                }
                for (Iterator<Map.Entry<String, JsonNode>> rules =
                                field.getValue().fields();
                        rules.hasNext(); ) {
                    Map.Entry<String, JsonNode> rule = rules.next();
                    parser.applyEntry(values, WASM_RULES + "." + rule.getKey(), rule.getValue());
                }
            } else {
                parser.applyEntry(values, field.getKey(), field.getValue());
            }
        }
        return values;
    }

    /** Checks what the reference's charge functions rely on, so a list never fails later at charge time. */
    static void validateComplete(String source, FvmGeneration generation, Map<PriceEntry, Object> values) {
        List<String> missing = PriceEntry.entriesOf(generation).stream()
                .filter(entry -> !values.containsKey(entry))
                .map(PriceEntry::referenceName)
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new PriceListFormatException(
                    source, "missing entries for an FVM " + generation.fileName() + " price list: " + missing);
        }
        requireKey(
                source,
                values,
                PriceEntry.VERIFY_AGGREGATE_SEAL_PER,
                RegisteredSealProof.STACKED_DRG_32GIB_V1_P1,
                RegisteredSealProof::referenceName);
        requireKey(
                source,
                values,
                PriceEntry.VERIFY_AGGREGATE_SEAL_STEPS,
                RegisteredSealProof.STACKED_DRG_32GIB_V1_P1,
                RegisteredSealProof::referenceName);
        requireKey(
                source,
                values,
                PriceEntry.VERIFY_POST_LOOKUP,
                PriceList.postFallback(generation),
                RegisteredPoStProof::referenceName);
        for (Object proof : ((Map<?, ?>) values.get(PriceEntry.VERIFY_POST_LOOKUP)).keySet()) {
            RegisteredPoStProof postProof = (RegisteredPoStProof) proof;
            if (!postProof.existsIn(generation)) {
                throw new PriceListFormatException(
                        source,
                        "entry '" + PriceEntry.VERIFY_POST_LOOKUP.referenceName() + "': " + postProof.referenceName()
                                + " is not a proof type of FVM " + generation.fileName()
                                + " (fvm_shared v4 removed the V1 window PoSt types)");
            }
        }
        if (generation != FvmGeneration.V2) {
            for (SignatureType type : SignatureType.values()) {
                requireKey(source, values, PriceEntry.SIG_COST, type, SignatureType::referenceName);
            }
            for (SupportedHash hash : SupportedHash.values()) {
                requireKey(source, values, PriceEntry.HASHING_COST, hash, SupportedHash::referenceName);
            }
        }
    }

    private static <K> void requireKey(
            String source, Map<PriceEntry, Object> values, PriceEntry entry, K key, Function<K, String> name) {
        if (!((Map<?, ?>) values.get(entry)).containsKey(key)) {
            throw new PriceListFormatException(
                    source,
                    "entry '" + entry.referenceName() + "': must price " + name.apply(key)
                            + " (the reference relies on it)");
        }
    }

    private void applyEntry(Map<PriceEntry, Object> values, String name, JsonNode node) {
        PriceEntry entry = PriceEntry.fromReferenceName(name)
                .orElseThrow(() -> new PriceListFormatException(
                        source,
                        "unknown entry '" + name + "'; expected one of the FVM " + generation.fileName() + " entries "
                                + PriceEntry.entriesOf(generation).stream()
                                        .map(PriceEntry::referenceName)
                                        .collect(Collectors.toList())));
        if (!entry.usedBy(generation)) {
            throw new PriceListFormatException(
                    source,
                    "entry '" + name + "' belongs to FVM "
                            + entry.generations().stream()
                                    .map(FvmGeneration::fileName)
                                    .sorted()
                                    .collect(Collectors.joining("/"))
                            + " price lists, but this list is FVM " + generation.fileName());
        }
        Object base = values.get(entry);
        Object value = switch (entry.kind()) {
            case GAS -> gas(entry.allowsNegative(generation), name, node);
            case MULTIPLIER -> nonNegativeInteger(name, node, entry.kind().description());
            case SCALING -> scaling(name, node, (ScalingCost) base);
            case SEAL_PROOF_GAS ->
                map(
                        name,
                        node,
                        base,
                        RegisteredSealProof.class,
                        RegisteredSealProof::referenceName,
                        (key, valueNode, old) -> gas(false, key, valueNode));
            case SEAL_PROOF_STEPS ->
                map(
                        name,
                        node,
                        base,
                        RegisteredSealProof.class,
                        RegisteredSealProof::referenceName,
                        (key, valueNode, old) -> steps(key, valueNode));
            case POST_PROOF_SCALING ->
                map(
                        name,
                        node,
                        base,
                        RegisteredPoStProof.class,
                        RegisteredPoStProof::referenceName,
                        (key, valueNode, old) -> scaling(key, valueNode, (ScalingCost) old));
            case SIGNATURE_SCALING ->
                map(
                        name,
                        node,
                        base,
                        SignatureType.class,
                        SignatureType::referenceName,
                        (key, valueNode, old) -> scaling(key, valueNode, (ScalingCost) old));
            case HASH_SCALING ->
                map(
                        name,
                        node,
                        base,
                        SupportedHash.class,
                        SupportedHash::referenceName,
                        (key, valueNode, old) -> scaling(key, valueNode, (ScalingCost) old));
            case ACTOR_IDS -> actorIds(name, node);
        };
        values.put(entry, value);
    }

    private long gas(boolean allowNegative, String name, JsonNode node) {
        String expected = PriceEntryKind.GAS.description();
        if (node == null || !node.isNumber()) {
            throw error(name, expected, node);
        }
        BigDecimal milligas = node.decimalValue().movePointRight(3);
        if (milligas.stripTrailingZeros().scale() > 0) {
            throw new PriceListFormatException(
                    source,
                    "entry '" + name + "': expected " + expected + ", got " + node.asText()
                            + " which is finer than a milligas");
        }
        long value;
        try {
            value = milligas.longValueExact();
        } catch (ArithmeticException e) {
            throw new PriceListFormatException(
                    source,
                    "entry '" + name + "': expected " + expected + ", got " + node.asText()
                            + " which exceeds 2^63 milligas");
        }
        if (value < 0 && !allowNegative) {
            throw new PriceListFormatException(
                    source,
                    "entry '" + name + "': negative price " + node.asText() + "; expected a price of 0 or more");
        }
        return value;
    }

    private long nonNegativeInteger(String name, JsonNode node, String expected) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(name, expected, node);
        }
        if (node.longValue() < 0) {
            throw new PriceListFormatException(
                    source, "entry '" + name + "': negative value " + node.asText() + "; expected 0 or more");
        }
        return node.longValue();
    }

    private ScalingCost scaling(String name, JsonNode node, ScalingCost base) {
        String expected = PriceEntryKind.SCALING.description();
        if (node == null || !node.isObject()) {
            throw error(name, expected, node);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("flat") && !key.equals("scale")) {
                throw new PriceListFormatException(
                        source, "entry '" + name + "': unknown field '" + key + "'; expected " + expected);
            }
        }
        if (base == null && (!node.has("flat") || !node.has("scale"))) {
            throw new PriceListFormatException(
                    source, "entry '" + name + "': a new scaling cost needs both \"flat\" and \"scale\"");
        }
        long flat = node.has("flat") ? gas(false, name + ".flat", node.get("flat")) : base.flatMilligas();
        long scale = node.has("scale") ? gas(false, name + ".scale", node.get("scale")) : base.scaleMilligas();
        return new ScalingCost(flat, scale);
    }

    private StepCost steps(String name, JsonNode node) {
        String expected = "an array of {\"start\": integer, \"cost\": gas} steps with increasing starts";
        if (node == null || !node.isArray()) {
            throw error(name, expected, node);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String stepName = name + "[" + i + "]";
            if (!step.isObject() || step.size() != 2 || !step.has("start") || !step.has("cost")) {
                throw error(stepName, "an object with exactly \"start\" and \"cost\"", step);
            }
            long start = nonNegativeInteger(stepName + ".start", step.get("start"), "a non-negative integer");
            steps.add(new Step(start, gas(false, stepName + ".cost", step.get("cost"))));
        }
        try {
            return new StepCost(steps);
        } catch (IllegalArgumentException e) {
            throw new PriceListFormatException(source, "entry '" + name + "': " + e.getMessage());
        }
    }

    private List<Long> actorIds(String name, JsonNode node) {
        String expected = PriceEntryKind.ACTOR_IDS.description();
        if (node == null || !node.isArray()) {
            throw error(name, expected, node);
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            ids.add(nonNegativeInteger(name + "[" + i + "]", node.get(i), "a non-negative integer actor id"));
        }
        return List.copyOf(ids);
    }

    private interface ValueParser {
        Object parse(String name, JsonNode node, Object old);
    }

    private <K extends Enum<K>> Map<K, Object> map(
            String name,
            JsonNode node,
            Object base,
            Class<K> keyType,
            Function<K, String> keyName,
            ValueParser valueParser) {
        if (node == null || !node.isObject()) {
            throw error(
                    name,
                    PriceEntry.fromReferenceName(name)
                            .map(e -> e.kind().description())
                            .orElse("an object"),
                    node);
        }
        EnumMap<K, Object> result = new EnumMap<>(keyType);
        if (base != null) {
            @SuppressWarnings("unchecked")
            Map<K, Object> baseMap = (Map<K, Object>) base;
            result.putAll(baseMap);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            K key = Arrays.stream(keyType.getEnumConstants())
                    .filter(constant -> keyName.apply(constant).equals(field.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new PriceListFormatException(
                            source,
                            "entry '" + name + "': unknown key '" + field.getKey() + "'; expected one of "
                                    + Arrays.stream(keyType.getEnumConstants())
                                            .map(keyName)
                                            .collect(Collectors.toList())));
            result.put(key, valueParser.parse(name + "." + field.getKey(), field.getValue(), result.get(key)));
        }
        return Collections.unmodifiableMap(result);
    }

    private PriceListFormatException error(String name, String expected, JsonNode actual) {
        return new PriceListFormatException(
                source, "entry '" + name + "': expected " + expected + ", got " + describe(actual));
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        String text = node.toString();
        return type + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
