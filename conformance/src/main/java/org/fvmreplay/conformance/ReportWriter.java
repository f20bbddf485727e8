package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the {@code --report} JSON of a conformance or repricing run. The file is written beside its destination and
 * moved into place, so readers never see half a report.
 */
public final class ReportWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportWriter() {}

    /** A conformance run: per variant, status, reason, expected vs actual receipts and post-state root. */
    public static void writeConformance(Path destination, String engine, List<VariantReport> variants) {
        requireNonNull(engine, "engine");
        requireNonNull(variants, "variants");
        write(destination, json -> {
            json.writeStringField("mode", "conformance");
            json.writeStringField("engine", engine);
            json.writeObjectFieldStart("summary");
            json.writeNumberField("passed", count(variants, ConformanceResult.Status.PASS));
            json.writeNumberField("failed", count(variants, ConformanceResult.Status.FAIL));
            json.writeNumberField("skipped", count(variants, ConformanceResult.Status.SKIP));
            json.writeEndObject();
            json.writeArrayFieldStart("variants");
            for (VariantReport v : variants) {
                json.writeStartObject();
                writeVariantHeader(json, v);
                json.writeStringField("status", v.status().name());
                json.writeStringField("reason", v.reason());
                writeNullableString(
                        json,
                        "expected_root",
                        v.expectedRoot().map(Object::toString).orElse(null));
                writeNullableString(
                        json,
                        "actual_root",
                        v.actualRoot().map(Object::toString).orElse(null));
                json.writeArrayFieldStart("messages");
                for (MessageOutcome m : v.messages()) {
                    json.writeStartObject();
                    json.writeNumberField("index", m.index());
                    json.writeNumberField("gas_limit", m.gasLimit());
                    writeReceipt(json, "expected", m.expected());
                    writeReceipt(json, "actual", m.actual());
                    json.writeNumberField("gas_difference", m.gasDifference());
                    json.writeBooleanField("matches", m.matches());
                    json.writeStringField("failure", m.failureInfo());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** A repricing run: per variant, gas used before and after per message, and which messages run out of gas. */
    public static void writeRepricing(Path destination, String engine, String prices, List<RepricingReport> variants) {
        requireNonNull(engine, "engine");
        requireNonNull(prices, "prices");
        requireNonNull(variants, "variants");
        write(destination, json -> {
            json.writeStringField("mode", "repricing");
            json.writeStringField("engine", engine);
            json.writeStringField("prices", prices);
            json.writeObjectFieldStart("summary");
            List<RepricingReport> ran =
                    variants.stream().filter(RepricingReport::ran).toList();
            json.writeNumberField("repriced", ran.size());
            json.writeNumberField("not_repriced", variants.size() - ran.size());
            json.writeNumberField(
                    "gas_before",
                    ran.stream().mapToLong(RepricingReport::gasBefore).sum());
            json.writeNumberField(
                    "gas_after",
                    ran.stream().mapToLong(RepricingReport::gasAfter).sum());
            json.writeNumberField(
                    "messages_out_of_gas",
                    ran.stream().mapToLong(r -> r.newlyOutOfGas().size()).sum());
            json.writeEndObject();
            json.writeArrayFieldStart("variants");
            for (RepricingReport r : variants) {
                json.writeStartObject();
                writeVariantHeader(json, r.before());
                json.writeStringField(
                        "status",
                        r.ran() ? "REPRICED" : r.before().status() == ConformanceResult.Status.SKIP ? "SKIP" : "ERROR");
                json.writeStringField("reason", r.ran() ? "" : r.reason());
                json.writeStringField("conformance_before", r.before().status().name());
                if (r.ran()) {
                    json.writeNumberField("gas_before", r.gasBefore());
                    json.writeNumberField("gas_after", r.gasAfter());
                    json.writeNumberField("delta", r.delta());
                    json.writeArrayFieldStart("out_of_gas");
                    for (int index : r.newlyOutOfGas()) {
                        json.writeNumber(index);
                    }
                    json.writeEndArray();
                    json.writeArrayFieldStart("messages");
                    for (int i = 0; i < r.after().messages().size(); i++) {
                        MessageOutcome before = r.before().messages().get(i);
                        MessageOutcome after = r.after().messages().get(i);
                        json.writeStartObject();
                        json.writeNumberField("index", i);
                        json.writeNumberField("gas_limit", after.gasLimit());
                        json.writeNumberField(
                                "recorded_gas_used", before.expected().gasUsed());
                        json.writeNumberField("gas_before", before.actual().gasUsed());
                        json.writeNumberField("gas_after", after.actual().gasUsed());
                        json.writeNumberField(
                                "delta",
                                after.actual().gasUsed() - before.actual().gasUsed());
                        json.writeNumberField(
                                "exit_code_before", before.actual().exitCode());
                        json.writeNumberField("exit_code_after", after.actual().exitCode());
                        json.writeBooleanField("out_of_gas", after.outOfGas() && !before.outOfGas());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static long count(List<VariantReport> variants, ConformanceResult.Status status) {
        return variants.stream().filter(v -> v.status() == status).count();
    }

    private static void writeVariantHeader(JsonGenerator json, VariantReport v) throws IOException {
        json.writeStringField("file", v.file());
        json.writeStringField("vector", v.vectorId());
        json.writeStringField("variant", v.variant());
        json.writeNumberField("network_version", v.networkVersion());
    }

    private static void writeReceipt(JsonGenerator json, String name, MessageOutcome.Receipt receipt)
            throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("exit_code", receipt.exitCode());
        json.writeStringField("return", receipt.returnHex());
        json.writeNumberField("gas_used", receipt.gasUsed());
        json.writeEndObject();
    }

    private static void writeNullableString(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    /** The body of the top-level object. */
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static void write(Path destination, Body body) {
        requireNonNull(destination, "destination");
        Path absolute = destination.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary);
                    JsonGenerator json =
                            JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
                json.writeStartObject();
                body.write(json);
                json.writeEndObject();
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UncheckedIOException("cannot write report " + destination + ": " + e.getMessage(), e);
        }
    }
}
