package org.rectrack.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts what the contract checks saw and writes target/contract-report.txt. Quarkus may load this class
 * once per application class loader (test profiles restart the application), so each copy adds what it
 * counted to a file under target/ that the whole test JVM shares, and the text report is written from it.
 */
public final class ContractReport {

    private static final Path DATA = Path.of("target", "contract-report.json");
    private static final Path TEXT = Path.of("target", "contract-report.txt");
    /** A JVM-wide flag (system properties are shared by every class loader): the first flush starts afresh. */
    private static final String STARTED = "rectrack.contract.report-started";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, AtomicLong> counts = new ConcurrentSkipListMap<>();
    private static final Map<String, String> examples = new ConcurrentHashMap<>();

    private ContractReport() {
    }

    /** Adds one to a counter, e.g. {@code validated}, {@code operation getReport 200}, {@code skipped route…}. */
    public static void count(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Counts one mismatch under its group, keeping the first example of it. */
    public static void mismatch(String source, ResponseCheck.Mismatch m, String example) {
        String group = source + " | " + m.operation() + " | " + m.status() + " | " + generic(m.pointer()) + " | "
                + m.schemaLocation() + " | " + generic(m.reason());
        count("mismatch " + group);
        examples.putIfAbsent(group, example);
    }

    /** Array indexes replaced by {@code *}, so one rule broken by every item of a list is one group. */
    private static String generic(String text) {
        return text.replaceAll("/\\d+(?=/|:|$| )", "/*").replaceAll("\\[\\d+]", "[*]");
    }

    /** Counts one fuzz failure under its group (operation and rule), keeping the first example. */
    public static void fuzzFailure(String group, String example) {
        count("fuzz-failure " + group);
        examples.putIfAbsent(group, example);
    }

    public static void note(String key, String value) {
        examples.put("note " + key, value);
    }

    /** Adds this class loader's counts to the shared file and rewrites the text report. */
    public static void flush() {
        synchronized (System.getProperties()) {
            try {
                Files.createDirectories(DATA.getParent());
                ObjectNode data = JSON.createObjectNode();
                if (System.getProperty(STARTED) != null && Files.exists(DATA)) {
                    data = (ObjectNode) JSON.readTree(Files.readString(DATA));
                }
                System.setProperty(STARTED, "true");
                ObjectNode countNode = data.has("counts") ? (ObjectNode) data.get("counts") : data.putObject("counts");
                ObjectNode exampleNode = data.has("examples") ? (ObjectNode) data.get("examples") : data.putObject("examples");
                for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
                    long delta = e.getValue().getAndSet(0);
                    countNode.put(e.getKey(), countNode.path(e.getKey()).asLong(0) + delta);
                }
                for (Map.Entry<String, String> e : examples.entrySet()) {
                    if (e.getKey().startsWith("note ") || !exampleNode.has(e.getKey())) {
                        exampleNode.put(e.getKey(), e.getValue());
                    }
                }
                examples.clear();
                Files.writeString(DATA, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data), StandardCharsets.UTF_8);
                Files.writeString(TEXT, render(countNode, exampleNode), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String render(JsonNode counts, JsonNode examples) {
        StringBuilder out = new StringBuilder("rectrack contract report (responses checked against openapi.yaml)\n\n");
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asLong()));
        out.append("validated responses: ").append(sorted.getOrDefault("validated", 0L)).append('\n');
        out.append("  of which fuzz:     ").append(sorted.getOrDefault("validated by fuzz", 0L)).append('\n');
        out.append("skipped responses:   ").append(sorted.getOrDefault("skipped", 0L)).append('\n');
        out.append("responses with a mismatch: ").append(sorted.getOrDefault("failed", 0L)).append('\n');
        out.append("fuzz requests:       ").append(sorted.getOrDefault("fuzz requests", 0L)).append('\n');
        examples.properties().stream().filter(e -> e.getKey().startsWith("note "))
                .forEach(e -> out.append(e.getKey().substring(5)).append(": ").append(e.getValue().asString()).append('\n'));
        section(out, "skipped, by reason and route", sorted, "skip ", examples);
        section(out, "validated, by operation and status", sorted, "operation ", examples);
        section(out, "distinct mismatches (source | operation | status | JSON pointer | schema location | reason): count", sorted,
                "mismatch ", examples);
        section(out, "distinct fuzz failures (operation | rule): count", sorted, "fuzz-failure ", examples);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, String prefix, JsonNode examples) {
        out.append('\n').append(title).append('\n');
        counts.forEach((key, n) -> {
            if (key.startsWith(prefix)) {
                String group = key.substring(prefix.length());
                out.append("  ").append(group).append(": ").append(n).append('\n');
                if (examples.has(group)) {
                    out.append("      e.g. ").append(examples.get(group).asString().replace("\n", "\n           ")).append('\n');
                }
            }
        });
    }
}
