package org.rectrack.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rectrack.TestKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded, bounded fuzz of every operation in openapi.yaml: hostile path segments, query parameters,
 * headers and bodies. Each answer must be no 5xx, a status the operation declares, problem+json when it
 * is an error, free of class names and stack traces, and valid against its schema; a rejected write must
 * leave the change feed and the fixture items as they were. {@code -Drectrack.fuzz.seed=} replays a run,
 * {@code -Drectrack.fuzz.requests=} sets how many requests it sends.
 */
@QuarkusTest
class ContractFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a body must never show: Java class names, stack frames, driver and SQL internals. */
    private static final Pattern LEAK = Pattern.compile("\\b(java|javax|jakarta|sun|org\\.hibernate|org\\.jboss|io\\.quarkus"
            + "|io\\.vertx|io\\.netty|io\\.smallrye|com\\.fasterxml|tools\\.jackson|org\\.h2|org\\.postgresql|org\\.rectrack)\\.[a-z]"
            + "|[A-Za-z]+Exception\\b|\\bat [a-z][\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by:|SQLState|SQL statement"
            + "|syntax error at or near|\\bHHH\\d{6}|\\bRESTEASY\\d+");

    private final Contract contract = Contract.get();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private int port;
    private Random random;
    private long position;
    private int requests;
    private long slowest;

    private String report;
    private String recommendation;
    private String institution;
    private String theme;
    private String assessment;
    private String progress;
    private String apiKey;
    private String webhook;
    private String delivery;
    /** Items the fuzz must not change except by a write it got a 2xx for: path -> body as read. */
    private final Map<String, JsonNode> sentinels = new LinkedHashMap<>();
    private final Map<String, String> etags = new HashMap<>();
    private final java.util.Set<String> changedKeys = new java.util.HashSet<>();

    private record Failure(String example, int[] count) {
    }

    /** One request the fuzz sends. */
    private int refusedBare;

    private record Request(String method, String target, List<String[]> headers, byte[] body, String what) {

        String describe() {
            String head = headers.stream().map(h -> h[0] + ": " + FuzzText.shorten(h[1], 60)).collect(Collectors.joining("; "));
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + FuzzText.shorten(target, 160) + " [" + head + "] " + FuzzText.shorten(text, 160) + "  <- " + what;
        }
    }

    @Test
    void shouldAnswerEveryHostileRequestAsTheContractSays() {
        long seed = Long.getLong("rectrack.fuzz.seed", 20_261_203L);
        int budget = Integer.getInteger("rectrack.fuzz.requests", 1500);
        System.out.println("contract fuzz: seed " + seed + " (replay with -Drectrack.fuzz.seed=" + seed + "), " + budget
                + " requests");
        ContractReport.note("fuzz seed", seed + " (-Drectrack.fuzz.seed=" + seed + ")");
        random = new Random(seed);
        port = RestAssured.port;
        fixtures();
        position = feedEnd(0);
        changedKeys.clear();

        long started = System.nanoTime();
        List<Contract.Operation> operations = contract.operations();
        for (int i = 0; i < budget; i++) {
            Contract.Operation op = operations.get(i % operations.size());
            Request request = build(op);
            send(op, request);
        }
        sentinels.forEach((path, before) -> {
            JsonNode now = read(path);
            if (!before.equals(now)) {
                fail("fixtures", "a fixture changed without an accepted write", path + " was " + FuzzText.shorten(
                        before.toString(), 300) + " is " + FuzzText.shorten(String.valueOf(now), 300));
            }
        });
        ContractReport.note("fuzz refused bare by the HTTP layer", refusedBare + " of " + requests
                + " (a target java.net.URI cannot parse, or a control character in a header value)");
        ContractReport.note("fuzz duration", (System.nanoTime() - started) / 1_000_000 + " ms for " + requests + " requests");
        failures.forEach((group, f) -> {
            for (int n = 0; n < f.count()[0]; n++) {
                ContractReport.fuzzFailure(group, f.example());
            }
        });
        ContractReport.flush();
        deleteWebhooks();
        String summary = failures.entrySet().stream().limit(60)
                .map(e -> e.getKey() + " (" + e.getValue().count()[0] + "x)\n      e.g. " + e.getValue().example())
                .collect(Collectors.joining("\n  "));
        assertTrue(failures.isEmpty(), failures.size() + " distinct failures in " + requests + " requests (seed " + seed
                + "; all of them in target/contract-report.txt):\n  " + summary);
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    private void fixtures() {
        institution = ("fz-" + UUID.randomUUID().toString().substring(0, 8));
        theme = ("fz-" + UUID.randomUUID().toString().substring(0, 8));
        report = "FZ-" + UUID.randomUUID().toString().substring(0, 8);
        recommendation = report + "-R1";
        create("/api/v1/institutions", json("code", institution, "name", "Fuzz institution", "country", "KZ", "kind", "OTHER"));
        create("/api/v1/themes", json("code", theme, "label", "Fuzz theme"));
        create("/api/v1/reports", reportBody(report));
        create("/api/v1/recommendations", recommendationBody(recommendation));
        assessment = create("/api/v1/recommendations/" + recommendation + "/assessments", assessmentBody()).path("id").asString();
        progress = create("/api/v1/recommendations/" + recommendation + "/progress-updates", progressBody()).path("id").asString();
        apiKey = create("/api/v1/api-keys", json("name", "fuzz", "role", "reader")).path("id").asString();
        // a webhook with one delivery (to retry): private targets are off here, so its target is a documentation
        // address (RFC 5737), and its filter lets through only the one institution made for it
        String hooked = "fz-" + UUID.randomUUID().toString().substring(0, 8);
        webhook = create("/api/v1/webhooks", webhookBody(hooked)).path("id").asString();
        create("/api/v1/institutions", json("code", hooked, "name", "Fuzz hook", "country", "KZ", "kind", "OTHER"));
        RawHttp.Reply log = RawHttp.send(port, "GET", "/api/v1/webhooks/" + webhook + "/deliveries",
                List.<String[]>of(new String[] {"Authorization", TestKeys.ADMIN_BEARER}), null);
        delivery = JSON.readTree(log.body()).path("items").path(0).path("id").asString();
        assertTrue(!delivery.isEmpty(), "fixture delivery: " + log.body());
        for (String path : List.of("/api/v1/reports/" + report, "/api/v1/recommendations/" + recommendation,
                "/api/v1/institutions/" + institution, "/api/v1/themes/" + theme,
                "/api/v1/recommendations/" + recommendation + "/assessments",
                "/api/v1/recommendations/" + recommendation + "/progress-updates")) {
            sentinels.put(path, read(path));
        }
    }

    /** Whatever webhooks the fuzz registered go, so that no later test's events are sent their way. */
    private void deleteWebhooks() {
        List<String[]> admin = List.<String[]>of(new String[] {"Authorization", TestKeys.ADMIN_BEARER});
        while (true) {
            JsonNode items = JSON.readTree(RawHttp.send(port, "GET", "/api/v1/webhooks?limit=500", admin, null).body()).path("items");
            if (items.isEmpty()) {
                return;
            }
            for (JsonNode item : items) {
                RawHttp.send(port, "DELETE", "/api/v1/webhooks/" + item.path("id").asString(), admin, null);
            }
        }
    }

    private JsonNode create(String path, JsonNode body) {
        RawHttp.Reply reply = RawHttp.send(port, "POST", path, List.<String[]>of(new String[] {"Content-Type", "application/json"},
                        new String[] {"Authorization", TestKeys.ADMIN_BEARER}),
                body.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(reply.status() == 201, "fixture " + path + ": " + reply.status() + " " + reply.body());
        return JSON.readTree(reply.body());
    }

    private JsonNode read(String path) {
        RawHttp.Reply reply = RawHttp.send(port, "GET", path, List.<String[]>of(new String[] {"Authorization", TestKeys.ADMIN_BEARER}), null);
        if (reply.status() != 200) {
            return NODES.textNode("status " + reply.status());
        }
        if (reply.header("ETag") != null) {
            etags.put(path, reply.header("ETag"));
        }
        return JSON.readTree(reply.body());
    }

    /** The feed's end: follow next from a position until a page is empty. Notes the keys of what changed. */
    private long feedEnd(long from) {
        long at = from;
        while (true) {
            RawHttp.Reply reply = RawHttp.send(port, "GET", "/api/v1/changes?after=" + at + "&limit=500", List.of(), null);
            JsonNode page = JSON.readTree(reply.body());
            if (page.path("items").isEmpty()) {
                return at;
            }
            for (JsonNode event : page.path("items")) {
                changedKeys.add(event.path("key").asString());
            }
            at = page.path("items").get(page.path("items").size() - 1).path("seq").asLong();
        }
    }

    /** Reads again the fixtures that the feed says an accepted write changed. */
    private void refreshChangedFixtures() {
        for (String key : changedKeys) {
            for (String path : sentinels.keySet()) {
                if (path.contains("/" + key + "/") || path.endsWith("/" + key)) {
                    sentinels.put(path, read(path));
                }
            }
        }
        changedKeys.clear();
    }

    // ---- building requests --------------------------------------------------------------------------------

    private Request build(Contract.Operation op) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asString().equals("path")) {
                pathValues.put(p.path("name").asString(), validPathValue(op.template(), p.path("name").asString()));
            }
        }
        List<String> query = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", TestKeys.ADMIN_BEARER);
        JsonNode bodySchema = null;
        String mediaType = null;
        Map.Entry<String, JsonNode> declaredBody = op.node().path("requestBody").path("content").properties().stream()
                .filter(e -> e.getKey().contains("json")).findFirst().orElse(null);
        String body = null;
        if (declaredBody != null) {
            mediaType = declaredBody.getKey();
            bodySchema = declaredBody.getValue().path("schema");
            body = validBody(op).toString();
            headers.put("Content-Type", mediaType);
        }
        if (op.method().equals("PATCH")) {
            headers.put("If-Match", etags.getOrDefault(fill(op.template(), pathValues), "\"0\""));
        }
        if (op.id().equals("streamChanges")) {
            // a stream that opens stays open: start it at the end, so the fuzz reads its head only
            query.add("after=" + position);
        }
        List<String> what = new ArrayList<>();
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            int kind = random.nextInt(body == null ? 3 : 5);
            switch (kind) {
                case 0 -> {
                    if (pathValues.isEmpty()) {
                        what.add(mutateQuery(op, query));
                    } else {
                        String name = pick(new ArrayList<>(pathValues.keySet()));
                        String value = pick(FuzzText.PATH);
                        pathValues.put(name, value);
                        what.add("path " + name + "=" + FuzzText.shorten(value, 30));
                    }
                }
                case 1 -> what.add(mutateQuery(op, query));
                case 2 -> what.add(mutateHeader(op, headers));
                default -> {
                    String[] mutated = mutateBody(op, bodySchema, body, headers);
                    body = mutated[0];
                    what.add(mutated[1]);
                }
            }
        }
        List<String[]> headerList = new ArrayList<>();
        headers.forEach((k, v) -> {
            if (v != null) {
                headerList.add(new String[] {k, v});
            }
        });
        String target = fill(op.template(), pathValues) + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return new Request(op.method(), target, headerList, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                String.join(", ", what));
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path;
    }

    private String validPathValue(String template, String name) {
        if (template.startsWith("/api/v1/webhooks")) {
            return name.equals("deliveryId") ? delivery : webhook;
        }
        if (template.startsWith("/api/v1/api-keys")) {
            return apiKey;
        }
        if (name.equals("id")) {
            return template.contains("/assessments/") ? assessment : progress;
        }
        if (template.startsWith("/api/v1/reports")) {
            return report;
        }
        if (template.startsWith("/api/v1/institutions")) {
            return institution;
        }
        if (template.startsWith("/api/v1/themes")) {
            return theme;
        }
        return recommendation;
    }

    private String mutateQuery(Contract.Operation op, List<String> query) {
        List<JsonNode> declared = op.parameters().stream().filter(p -> p.path("in").asString().equals("query")).toList();
        String name = declared.isEmpty() || random.nextInt(8) == 0 ? pick(List.of("zzUnknown", "limit", "cursor", "%ZZ", ""))
                : pick(declared).path("name").asString();
        boolean date = List.of("updatedSince", "asOf", "from", "to").contains(name);
        String value = date && random.nextBoolean() ? pick(FuzzText.DATES) : pick(FuzzText.QUERY);
        query.add(name + "=" + value);
        if (random.nextInt(4) == 0) {
            String again = pick(FuzzText.QUERY);
            query.add(name + "=" + again);
            return "query " + name + " twice";
        }
        return "query " + name + "=" + FuzzText.shorten(value, 30);
    }

    private String mutateHeader(Contract.Operation op, Map<String, String> headers) {
        List<String> names = new ArrayList<>(List.of("Accept", "If-None-Match", "Authorization"));
        if (op.method().equals("PATCH")) {
            names.addAll(List.of("If-Match", "If-Match", "Content-Type"));
        }
        if (op.method().equals("POST")) {
            names.addAll(List.of("Idempotency-Key", "Content-Type", "Content-Type"));
        }
        if (op.id().equals("streamChanges")) {
            names.add("Last-Event-ID");
        }
        String name = pick(names);
        if (name.equals("Content-Type") && random.nextInt(5) == 0) {
            headers.put(name, null);
            return "no Content-Type";
        }
        if (name.equals("Authorization") && random.nextInt(4) == 0) {
            headers.put(name, null);
            return "no Authorization";
        }
        String value = name.equals("Authorization")
                ? pick(List.of("Bearer", "Bearer ", "Bearer rtk_" + UUID.randomUUID(), "Basic dXNlcjpwYXNz", "Token " + TestKeys.ADMIN,
                        "bearer " + TestKeys.ADMIN, "Bearer " + TestKeys.ADMIN + " extra", "Bearer " + "k".repeat(600)))
                : pick(FuzzText.headerValues(name));
        if (name.equals("Idempotency-Key") || name.equals("Accept") && random.nextBoolean()) {
            // a fresh key each time, or the fuzz would test its own replays
            value = value.isBlank() || value.length() > 200 ? value : value + UUID.randomUUID();
        }
        headers.put(name, value);
        return "header " + name + "=" + FuzzText.shorten(value, 30);
    }

    /** Gives the new body and what was done to it. */
    private String[] mutateBody(Contract.Operation op, JsonNode schema, String body, Map<String, String> headers) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (RuntimeException e) {
            return new String[] {body, "body already broken"};
        }
        ObjectNode target = parsed.isArray() && !parsed.isEmpty() && parsed.get(0).isObject() ? (ObjectNode) parsed.get(0)
                : parsed.isObject() ? (ObjectNode) parsed : null;
        Map<String, JsonNode> properties = properties(schema);
        String property = properties.isEmpty() ? "zz" : pick(new ArrayList<>(properties.keySet()));
        JsonNode propertySchema = properties.getOrDefault(property, NODES.objectNode());
        int kind = random.nextInt(16);
        switch (kind) {
            case 0:
                if (target != null) {
                    target.set(property, wrongType(propertySchema));
                }
                return new String[] {parsed.toString(), "body " + property + " of a wrong type"};
            case 1:
                if (target != null) {
                    target.putNull(property);
                }
                return new String[] {parsed.toString(), "body " + property + "=null"};
            case 2:
                if (target != null) {
                    target.put(pick(List.of("zzUnknown", "id", "version", "status", "createdAt", "recordedBy", "latestProgress")),
                            pick(List.of("1", "x", "2024-01-01")));
                }
                return new String[] {parsed.toString(), "body with an unknown or read-only field"};
            case 3: {
                String text = parsed.toString();
                String key = "\"" + property + "\":";
                int at = text.indexOf('{');
                String dup = at < 0 ? text : text.substring(0, at + 1) + key + "\"first\"," + text.substring(at + 1);
                return new String[] {dup, "body with " + property + " twice"};
            }
            case 4:
                return new String[] {pick(FuzzText.INVALID_JSON), "invalid JSON"};
            case 5: {
                int depth = pick(List.of(200, 2_000, 20_000));
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return new String[] {open.repeat(depth) + "1" + close.repeat(depth), "nesting " + depth + " deep"};
            }
            case 6:
                if (target != null) {
                    String text = target.set(property, NODES.textNode("LONE_SURROGATE")).toString();
                    return new String[] {parsed.toString().replace("LONE_SURROGATE", pick(List.of("\\ud800", "a\\udc00b",
                            "\\udbff\\ud800"))), "body " + property + " with a lone surrogate"};
                }
                return new String[] {parsed.toString(), "no object for a surrogate"};
            case 7:
                if (target != null) {
                    String dateProperty = properties.keySet().stream().filter(k -> isDate(properties.get(k))).findAny()
                            .orElse(property);
                    target.put(dateProperty, pick(FuzzText.DATES).replace("%2B", "+"));
                    return new String[] {parsed.toString(), "body date " + dateProperty + "=" + target.get(dateProperty)};
                }
                return new String[] {parsed.toString(), "no object for a date"};
            case 8:
                if (target != null) {
                    target.put(property, "");
                }
                return new String[] {parsed.toString(), "body " + property + "=\"\""};
            case 9: {
                if (parsed.isArray() && random.nextBoolean()) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < 1001; i++) {
                        many.add(parsed.get(0));
                    }
                    return new String[] {many.toString(), "1001 items"};
                }
                if (target != null) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < pick(List.of(6, 101, 5000)); i++) {
                        many.add(random.nextBoolean() ? "https://example.org/" + i : "legal-framework");
                    }
                    String arrayProperty = properties.keySet().stream().filter(k -> properties.get(k).path("type").toString()
                            .contains("\"array\"")).findAny().orElse(property);
                    target.set(arrayProperty, many);
                    return new String[] {parsed.toString(), "body " + arrayProperty + " with " + many.size() + " items"};
                }
                return new String[] {parsed.toString(), "no array"};
            }
            case 10:
                return new String[] {pick(List.of("[]", "{}", "42", "null", "\"text\"", "true", "[[]]", "[null]", "[{}]")),
                        "body of a wrong shape"};
            case 11:
                return new String[] {"", "empty body"};
            case 12:
                if (target != null) {
                    target.put(property, "x".repeat(pick(List.of(4001, 100_000))));
                }
                return new String[] {parsed.toString(), "body " + property + " very long"};
            case 13:
                if (target != null) {
                    target.set(property, pick(List.of(NODES.numberNode(new java.math.BigDecimal("1e400")),
                            NODES.numberNode(new java.math.BigInteger("99999999999999999999")), NODES.numberNode(-1),
                            NODES.numberNode(1.5), NODES.numberNode(0))));
                }
                return new String[] {parsed.toString(), "body " + property + " an odd number"};
            case 14:
                if (target != null) {
                    target.put(property, "a\u0000b\u0007c\u202e");
                }
                return new String[] {parsed.toString(), "body " + property + " with control characters"};
            default:
                return new String[] {"{\"a\":\"" + "x".repeat(1_100_000) + "\"}", "body over 1 MB"};
        }
    }

    private boolean isDate(JsonNode schema) {
        JsonNode resolved = contract.resolve(schema);
        return "date".equals(resolved.path("format").asString()) || "date".equals(schema.path("format").asString());
    }

    private JsonNode wrongType(JsonNode schema) {
        JsonNode declared = contract.resolve(schema).path("type");
        // OpenAPI 3.1 writes a nullable type as a list: ["string", "null"]
        String type = declared.isArray() ? StreamSupport.stream(declared.spliterator(), false).map(JsonNode::asString)
                .filter(t -> !t.equals("null")).findFirst().orElse("") : declared.asString("");
        List<JsonNode> options = new ArrayList<>(List.of(NODES.numberNode(12345), NODES.booleanNode(true),
                NODES.arrayNode().add("a"), NODES.objectNode().put("a", 1), NODES.textNode("text")));
        options.removeIf(n -> switch (type) {
            case "string" -> n.isString();
            case "integer", "number" -> n.isNumber();
            case "boolean" -> n.isBoolean();
            case "array" -> n.isArray();
            case "object" -> n.isObject();
            default -> false;
        });
        return pick(options);
    }

    /** The properties a request body schema names, through $ref, allOf and array items. */
    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        collect(schema, found, 0);
        return found;
    }

    private void collect(JsonNode schema, Map<String, JsonNode> found, int depth) {
        if (schema == null || depth > 6) {
            return;
        }
        JsonNode s = contract.resolve(schema);
        s.path("properties").properties().forEach(e -> found.putIfAbsent(e.getKey(), e.getValue()));
        for (JsonNode part : s.path("allOf")) {
            collect(part, found, depth + 1);
        }
        if (s.has("items")) {
            collect(s.get("items"), found, depth + 1);
        }
    }

    private JsonNode validBody(Contract.Operation op) {
        String fresh = UUID.randomUUID().toString().substring(0, 8);
        return switch (op.id()) {
            case "createReport" -> reportBody("FZ-" + fresh);
            case "createRecommendation" -> recommendationBody(report + "-F" + fresh);
            case "importRecommendations" -> NODES.arrayNode().add(recommendationBody(report + "-I" + fresh));
            case "addAssessment" -> assessmentBody();
            case "addProgressUpdate" -> progressBody();
            case "addAssessments" -> NODES.arrayNode().add(assessmentBody().put("recommendation", recommendation));
            case "addProgressUpdates" -> NODES.arrayNode().add(progressBody().put("recommendation", recommendation));
            case "createInstitution" -> json("code", "fz-" + fresh, "name", "Institution", "country", "KZ", "kind", "OTHER");
            case "createTheme" -> json("code", "fz-" + fresh, "label", "Theme");
            case "patchReport" -> json("title", "Fuzzed title " + fresh);
            case "patchRecommendation" -> json("text", "Fuzzed text " + fresh);
            case "patchInstitution" -> json("name", "Fuzzed name " + fresh);
            case "patchTheme" -> json("label", "Fuzzed label " + fresh);
            case "createWebhook" -> webhookBody("fz-none-" + fresh);
            case "patchWebhook" -> json("description", "Fuzzed description " + fresh);
            default -> NODES.objectNode();
        };
    }

    private static ObjectNode json(String... pairs) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    /** A webhook to a documentation address (RFC 5737, routed nowhere) that only events about the given institution reach. */
    private static ObjectNode webhookBody(String institution) {
        ObjectNode node = json("url", "https://203.0.113.10/fuzz", "description", "Fuzz webhook");
        node.putArray("events").add("institution");
        node.putObject("filter").putArray("addressee").add(institution);
        return node;
    }

    private static ObjectNode reportBody(String reference) {
        return json("reference", reference, "title", "Final report " + reference, "issuer", "OSCE/ODIHR", "country", "KZ",
                "kind", "final report", "electionDate", "2021-01-10");
    }

    private ObjectNode recommendationBody(String reference) {
        ObjectNode node = json("reference", reference, "report", report, "text", "The law should be amended " + reference);
        node.put("number", 1);
        node.putArray("themes").add("legal-framework").add(theme);
        node.putArray("addressees").add(institution);
        return node;
    }

    private static ObjectNode assessmentBody() {
        return json("status", "PARTIALLY_IMPLEMENTED", "assessorType", "CIVIL_SOCIETY", "assessedOn", "2024-03-01",
                "assessorName", "Fuzz monitors");
    }

    private ObjectNode progressBody() {
        return json("institution", institution, "stage", "IN_PROGRESS", "summary", "Fuzz progress", "reportedOn", "2024-02-01");
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    // ---- sending and judging ------------------------------------------------------------------------------

    private void send(Contract.Operation op, Request request) {
        requests++;
        ContractReport.count("fuzz requests");
        RawHttp.Reply reply;
        long started = System.nanoTime();
        try {
            reply = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
        } catch (RuntimeException e) {
            fail(op.id(), "no HTTP answer", request.describe() + " -> " + e.getMessage());
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > slowest) {
            slowest = millis;
            ContractReport.note("slowest fuzz request", millis + " ms: " + FuzzText.shorten(request.describe(), 200));
        }
        int status = reply.status();
        String example = request.describe() + "\n      -> " + status + " " + reply.header("Content-Type") + " "
                + FuzzText.shorten(reply.body(), 200);
        if (status >= 500) {
            fail(op.id(), "answered " + status, example);
        }
        // an empty segment can turn the path into another route's (/reports/ is /reports): judge by that one
        java.util.Optional<Contract.Operation> answered = contract.find(request.method(),
                ResponseCheck.rawPath("http://localhost" + request.target()));
        if (answered.isPresent() && answered.get().response(status).isEmpty()) {
            fail(op.id(), "undeclared status " + status, example);
        }
        if (refusedBelowTheApplication(request)) {
            // Quarkus (a target java.net.URI cannot parse) and Vert.x (a control character in a header value)
            // answer these before any application code runs, with a bare 400 (docs/contract-tests.md)
            refusedBare++;
            if (status != 400 || !reply.body().isEmpty()) {
                fail(op.id(), "a request the HTTP layer refuses got " + status + " with a body", example);
            }
            return;
        }
        if (status >= 400) {
            String type = reply.header("Content-Type") == null ? "" : reply.header("Content-Type");
            if (!type.startsWith("application/problem+json")) {
                fail(op.id(), status + " is not problem+json (" + (reply.body().isEmpty() ? "empty body" : type) + ")", example);
            } else {
                try {
                    JsonNode problem = JSON.readTree(reply.body());
                    if (problem.path("status").asInt() != status) {
                        fail(op.id(), status + " problem names status " + problem.path("status"), example);
                    }
                } catch (RuntimeException e) {
                    fail(op.id(), status + " problem+json that is not JSON", example);
                }
            }
        }
        if (LEAK.matcher(reply.body()).find()) {
            fail(op.id(), status + " body shows a class name or stack trace", example);
        }
        String uri = "http://localhost:" + port + request.target();
        List<ResponseCheck.Mismatch> mismatches = ContractFilter.record("fuzz",
                new ResponseCheck.Answer(request.method(), uri, status, reply.header("Content-Type"), reply::header, reply.body()));
        for (ResponseCheck.Mismatch m : mismatches) {
            if (m.reason().startsWith("status ") || m.reason().startsWith("empty body")) {
                continue; // the rules above name these already
            }
            fail(op.id(), status + " differs from the schema at " + m.schemaLocation() + ": " + m.reason(), example);
        }
        if (!request.method().equals("GET")) {
            if (status >= 400) {
                long end = feedEnd(position);
                if (end != position) {
                    fail(op.id(), "rejected write (" + status + ") moved the change feed", example);
                    position = end;
                }
                changedKeys.clear(); // the fixtures keep their snapshot: a rejected write must not have changed them
            } else if (status < 300) {
                position = feedEnd(position);
                refreshChangedFixtures();
            }
        }
    }

    /** The two kinds of request that no application hook can answer with a problem (see docs/contract-tests.md). */
    private static boolean refusedBelowTheApplication(Request request) {
        try {
            new java.net.URI(request.target());
        } catch (java.net.URISyntaxException e) {
            return true;
        }
        return request.headers().stream().anyMatch(h -> h[1].chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f));
    }

    private void fail(String operation, String rule, String example) {
        String group = operation + " | " + rule.replaceAll("\\d{3,}(?= items| deep)", "N");
        failures.computeIfAbsent(group, g -> new Failure(example, new int[1])).count()[0]++;
    }
}
