package org.rectrack.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.TestKeys;
import org.rectrack.changes.FeedPosition;
import org.rectrack.common.Role;
import org.rectrack.contract.Contract;
import org.rectrack.contract.RawHttp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of openapi.yaml, called by eight kinds of caller with real keys through the real
 * mechanism: the answer is the one DESIGN.md gives, and a refusal writes nothing (the change feed
 * does not move, no key is created or revoked, no history grows). A reporter is tried on
 * recommendations addressed to its institution and to another one, in single and bulk writes.
 */
@QuarkusTest
class AccessMatrixTest {

    enum Who {
        ANONYMOUS(null), BAD_KEY(null), REVOKED_KEY(null), READER(Role.READER), REPORTER_RIGHT(Role.REPORTER),
        REPORTER_OTHER(Role.REPORTER), EDITOR(Role.EDITOR), ADMIN(Role.ADMIN);

        final Role role;

        Who(Role role) {
            this.role = role;
        }
    }

    /** What an operation needs: the role, and whether a reporter is further held to its institutions. */
    enum Scope { NONE, OWN_INSTITUTION, NEVER_A_REPORTER }

    /**
     * One row: an operation (or a variant of one), the least role it needs (null: open to all), its
     * success status, and the call, made with the caller's spec. A bulk row names the recommendations of
     * its items, in order.
     */
    record Row(String operation, String variant, Role needs, Scope scope, int success, Function<RequestSpecification, Response> call,
               List<String> bulkItems) {

        String name() {
            return variant.isEmpty() ? operation : operation + " (" + variant + ")";
        }
    }

    @Inject
    FeedPosition position;

    @Inject
    EntityManager em;

    private final Map<Who, String> keys = new EnumMap<>(Who.class);
    private String right;
    private String other;
    private String report;
    private String recommendation;
    private String otherRecommendation;
    private String assessmentId;
    private String progressId;
    private String institutionCode;
    private String themeCode;
    private String readerKeyId;
    private Object webhookId;
    private Object deliveryId;

    @Test
    void shouldAnswerEveryOperationForEveryCallerAsDesigned() {
        fixtures();
        List<Row> rows = rows();
        Set<String> covered = rows.stream().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = Contract.get().operations().stream().map(Contract.Operation::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, covered, "every operation of openapi.yaml has a row in the matrix");

        List<String> wrong = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int unauthorisedSuccesses = 0;
        for (Row row : rows) {
            for (Who who : Who.values()) {
                Expected expected = expected(row, who);
                Snapshot before = snapshot(row);
                Response answer = row.call().apply(spec(who));
                Snapshot after = snapshot(row);
                int status = answer.statusCode();
                String cell = row.name() + " as " + who + ": ";
                counts.merge("cells", 1, Integer::sum);
                counts.merge(expected.refused() ? "refusals expected" : "successes expected", 1, Integer::sum);
                if (status != expected.status()) {
                    wrong.add(cell + "expected " + expected.status() + ", got " + status + " " + shorten(answer.asString()));
                    if (expected.refused() && status < 300) {
                        unauthorisedSuccesses++;
                    }
                    continue;
                }
                if (status >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                    wrong.add(cell + status + " is not problem+json");
                }
                if (status == 401 && !String.valueOf(answer.header("WWW-Authenticate")).startsWith("Bearer")) {
                    wrong.add(cell + "401 without WWW-Authenticate: Bearer");
                }
                if (answer.header("RateLimit") == null || answer.header("RateLimit-Policy") == null) {
                    wrong.add(cell + "no RateLimit / RateLimit-Policy header");
                }
                if (!row.bulkItems().isEmpty() && status == 207) {
                    List<Integer> itemStatuses = answer.jsonPath().getList("results.status");
                    if (!itemStatuses.equals(expected.items())) {
                        wrong.add(cell + "items expected " + expected.items() + ", got " + itemStatuses);
                        if (itemStatuses.stream().filter(s -> s == 201).count() > expected.items().stream().filter(s -> s == 201).count()) {
                            unauthorisedSuccesses++;
                        }
                    }
                }
                String written = before.differenceTo(after);
                boolean writes = !row.operation().startsWith("get") && !row.operation().startsWith("list")
                        && !row.operation().equals("streamChanges");
                if (expected.refused() && !written.isEmpty()) {
                    wrong.add(cell + "refused, yet something was written: " + written);
                    unauthorisedSuccesses++;
                } else if (!expected.refused() && writes && written.isEmpty()) {
                    wrong.add(cell + "succeeded, yet nothing was written (the check would see nothing)");
                }
                if (!row.bulkItems().isEmpty()) {
                    for (int i = 0; i < row.bulkItems().size(); i++) {
                        boolean itemWritten = after.histories().get(i) > before.histories().get(i);
                        boolean itemAllowed = expected.items().size() > i && expected.items().get(i) == 201;
                        if (itemWritten != itemAllowed) {
                            wrong.add(cell + "item " + i + (itemWritten ? " was written though refused" : " was not written"));
                            if (itemWritten) {
                                unauthorisedSuccesses++;
                            }
                        }
                    }
                }
            }
        }
        // the webhooks made here go, so that no later test's events are owed to them and no worker polls for them
        List<Object> hooks;
        while (!(hooks = given().queryParam("limit", 500).get("/api/v1/webhooks").then().statusCode(200).extract()
                .jsonPath().getList("items.id")).isEmpty()) {
            hooks.forEach(id -> given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204));
        }
        counts.put("rows", rows.size());
        counts.put("unauthorised successes", unauthorisedSuccesses);
        System.out.println("access matrix: " + counts);
        assertEquals(0, unauthorisedSuccesses, "unauthorised successes; all mismatches:\n  " + String.join("\n  ", wrong));
        assertTrue(wrong.isEmpty(), wrong.size() + " cells differ from the design:\n  " + String.join("\n  ", wrong));
    }

    /** The status a caller must get; for a bulk row, also the status of each item. */
    record Expected(int status, List<Integer> items) {

        boolean refused() {
            return status == 401 || status == 403 || !items.isEmpty() && items.stream().allMatch(s -> s == 403);
        }
    }

    private Expected expected(Row row, Who who) {
        if (who == Who.BAD_KEY || who == Who.REVOKED_KEY) {
            return new Expected(401, List.of());
        }
        if (row.needs() == null) {
            return success(row, who);
        }
        if (who == Who.ANONYMOUS) {
            return row.needs() == Role.READER ? success(row, who) : new Expected(401, List.of());
        }
        if (!who.role.includes(row.needs())) {
            return new Expected(403, List.of());
        }
        if (who.role == Role.REPORTER && row.scope() == Scope.NEVER_A_REPORTER) {
            return new Expected(403, List.of());
        }
        if (who.role == Role.REPORTER && row.scope() == Scope.OWN_INSTITUTION) {
            if (row.bulkItems().isEmpty()) {
                return who == Who.REPORTER_RIGHT ? success(row, who) : new Expected(403, List.of());
            }
            String mine = who == Who.REPORTER_RIGHT ? recommendation : otherRecommendation;
            return new Expected(207, row.bulkItems().stream().map(r -> r.equals(mine) ? 201 : 403).toList());
        }
        return success(row, who);
    }

    private static Expected success(Row row, Who who) {
        return new Expected(row.success(), row.bulkItems().stream().map(r -> 201).toList());
    }

    // ---- what a write leaves behind ------------------------------------------------------------------------

    /** The feed's position, the keys' and webhooks' state and, for a bulk row, each item's history length. */
    record Snapshot(long feed, String keys, String webhooks, List<Integer> histories) {

        String differenceTo(Snapshot after) {
            List<String> changes = new ArrayList<>();
            if (after.feed != feed) {
                changes.add("the feed moved from " + feed + " to " + after.feed);
            }
            if (!after.keys.equals(keys)) {
                changes.add("the keys changed from " + keys + " to " + after.keys);
            }
            if (!after.webhooks.equals(webhooks)) {
                changes.add("the webhooks changed from " + webhooks + " to " + after.webhooks);
            }
            return String.join("; ", changes);
        }
    }

    private Snapshot snapshot(Row row) {
        String keyState = QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select count(*), count(revoked_at) from api_key").getSingleResult();
            return r[0] + " keys, " + r[1] + " revoked";
        });
        // what only the API changes (the worker's attempts are its own business): webhooks, their versions, requeues
        String webhookState = QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(version), 0), count(deleted_at), "
                    + "(select count(requeued_at) || '@' || coalesce(cast(max(requeued_at) as varchar(64)), '') from webhook_delivery) "
                    + "from webhook").getSingleResult();
            return r[0] + " webhooks, versions " + r[1] + ", " + r[2] + " deleted, requeued " + r[3];
        });
        List<Integer> histories = new ArrayList<>();
        for (String reference : row.bulkItems()) {
            String history = row.operation().equals("addAssessments") ? "assessments" : "progress-updates";
            histories.add(given().queryParam("limit", 500).get("/api/v1/recommendations/{r}/" + history, reference)
                    .then().statusCode(200).extract().jsonPath().getList("items").size());
        }
        return new Snapshot(position.get(), keyState, webhookState, histories);
    }

    // ---- callers and fixtures --------------------------------------------------------------------------------

    private RequestSpecification spec(Who who) {
        return who == Who.ANONYMOUS ? TestKeys.anonymous() : TestKeys.as(keys.get(who));
    }

    private void fixtures() {
        right = TestData.institution();
        other = TestData.institution();
        report = TestData.report();
        recommendation = TestData.recommendation(report, Map.of("addressees", List.of(right)));
        otherRecommendation = TestData.recommendation(report, Map.of("addressees", List.of(other), "number", 2));
        TestData.assessment(recommendation, "ISSUER", "PARTIALLY_IMPLEMENTED", "2023-06-20");
        assessmentId = given().get("/api/v1/recommendations/{r}/assessments", recommendation).then().extract().path("items[0].id").toString();
        progressId = given().contentType(ContentType.JSON).body(progressBody(right))
                .post("/api/v1/recommendations/{r}/progress-updates", recommendation).then().statusCode(201).extract().path("id").toString();
        institutionCode = TestData.institution();
        themeCode = given().contentType(ContentType.JSON).body(Map.of("code", TestData.unique("mx"), "label", "Matrix theme"))
                .post("/api/v1/themes").then().statusCode(201).extract().path("code");

        Response reader = given().contentType(ContentType.JSON).body(Map.of("name", "matrix-reader", "role", "reader"))
                .post("/api/v1/api-keys");
        keys.put(Who.READER, reader.path("key"));
        readerKeyId = reader.path("id").toString();
        keys.put(Who.REPORTER_RIGHT, TestKeys.create("reporter", Map.of("name", "matrix-reporter-right"), right));
        keys.put(Who.REPORTER_OTHER, TestKeys.create("reporter", Map.of("name", "matrix-reporter-other"), other));
        keys.put(Who.EDITOR, TestKeys.create("editor"));
        keys.put(Who.ADMIN, TestKeys.create("admin"));
        keys.put(Who.BAD_KEY, "rtk_" + UUID.randomUUID().toString().replace("-", "") + "0123456789a");
        Response revoked = given().contentType(ContentType.JSON).body(Map.of("name", "matrix-revoked", "role", "admin"))
                .post("/api/v1/api-keys");
        keys.put(Who.REVOKED_KEY, revoked.path("key"));
        given().delete("/api/v1/api-keys/{id}", revoked.<Integer>path("id")).then().statusCode(204);

        // a webhook with one delivery to retry; its public target gets nothing else (the filter names one institution)
        String hooked = TestData.institution().replace("inst", "hook");
        webhookId = given().contentType(ContentType.JSON).body(webhook(Map.of("addressee", List.of(hooked))))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("code", hooked, "name", "Hooked", "country", "KZ", "kind", "OTHER"))
                .post("/api/v1/institutions").then().statusCode(201);
        deliveryId = given().get("/api/v1/webhooks/{id}/deliveries", webhookId).then().statusCode(200).extract().path("items[0].id");
    }

    /** A registration no event reaches unless its filter says so: a documentation address, RFC 5737, routed nowhere (private targets are off). */
    private static Map<String, Object> webhook(Map<String, List<String>> filter) {
        return Map.of("url", "https://203.0.113.10/matrix", "events", List.of("institution"), "filter", filter);
    }

    private List<Row> rows() {
        String rec = recommendation;
        List<Row> rows = new ArrayList<>();
        // reads
        rows.add(read("listReports", s -> given().spec(s).get("/api/v1/reports")));
        rows.add(read("getReport", s -> given().spec(s).get("/api/v1/reports/{r}", report)));
        rows.add(read("listRecommendations", s -> given().spec(s).queryParam("report", report).get("/api/v1/recommendations")));
        rows.add(read("getRecommendation", s -> given().spec(s).get("/api/v1/recommendations/{r}", rec)));
        rows.add(read("listAssessments", s -> given().spec(s).get("/api/v1/recommendations/{r}/assessments", rec)));
        rows.add(read("getAssessment", s -> given().spec(s).get("/api/v1/recommendations/{r}/assessments/{id}", rec, assessmentId)));
        rows.add(read("listProgressUpdates", s -> given().spec(s).get("/api/v1/recommendations/{r}/progress-updates", rec)));
        rows.add(read("getProgressUpdate", s -> given().spec(s).get("/api/v1/recommendations/{r}/progress-updates/{id}", rec, progressId)));
        rows.add(read("listInstitutions", s -> given().spec(s).get("/api/v1/institutions")));
        rows.add(read("getInstitution", s -> given().spec(s).get("/api/v1/institutions/{c}", right)));
        rows.add(read("listThemes", s -> given().spec(s).get("/api/v1/themes")));
        rows.add(read("getTheme", s -> given().spec(s).get("/api/v1/themes/{c}", themeCode)));
        rows.add(read("getStats", s -> given().spec(s).queryParam("groupBy", "theme").get("/api/v1/stats")));
        rows.add(read("getStatsTimeline", s -> given().spec(s).queryParam("interval", "year").get("/api/v1/stats/timeline")));
        rows.add(read("listChanges", s -> given().spec(s).queryParam("after", position.get()).get("/api/v1/changes")));
        rows.add(read("streamChanges", this::stream));
        rows.add(new Row("getMe", "", null, Scope.NONE, 200, s -> given().spec(s).get("/api/v1/me"), List.of()));
        rows.add(new Row("listApiKeys", "", Role.ADMIN, Scope.NONE, 200, s -> given().spec(s).get("/api/v1/api-keys"), List.of()));
        rows.add(new Row("getApiKey", "", Role.ADMIN, Scope.NONE, 200, s -> given().spec(s).get("/api/v1/api-keys/{id}", readerKeyId), List.of()));
        // writes of editors
        rows.add(write("createReport", Role.EDITOR, 201, s -> post(s, "/api/v1/reports", Map.of("reference", TestData.unique("MX"),
                "title", "Matrix report", "issuer", "OSCE/ODIHR", "country", "KZ"))));
        rows.add(write("patchReport", Role.EDITOR, 200, s -> patch(s, "/api/v1/reports/" + report, Map.of("title", "Retitled " + UUID.randomUUID()))));
        rows.add(write("createRecommendation", Role.EDITOR, 201, s -> post(s, "/api/v1/recommendations", Map.of(
                "reference", TestData.unique(report + "-R"), "report", report, "number", 9, "text", "Matrix recommendation",
                "themes", List.of("legal-framework")))));
        rows.add(write("patchRecommendation", Role.EDITOR, 200, s -> patch(s, "/api/v1/recommendations/" + rec,
                Map.of("text", "Amended " + UUID.randomUUID()))));
        rows.add(write("importRecommendations", Role.EDITOR, 200, s -> given().spec(s).contentType(ContentType.JSON)
                .body(List.of(Map.of("reference", TestData.unique(report + "-I"), "report", report, "number", 10, "text", "Imported")))
                .post("/api/v1/imports")));
        // writes of reporters
        rows.add(new Row("addAssessment", "GOVERNMENT, own institution", Role.REPORTER, Scope.OWN_INSTITUTION, 201,
                s -> post(s, "/api/v1/recommendations/" + rec + "/assessments", assessment("GOVERNMENT")), List.of()));
        rows.add(new Row("addAssessment", "ISSUER", Role.REPORTER, Scope.NEVER_A_REPORTER, 201,
                s -> post(s, "/api/v1/recommendations/" + rec + "/assessments", assessment("ISSUER")), List.of()));
        rows.add(new Row("addProgressUpdate", "own institution", Role.REPORTER, Scope.OWN_INSTITUTION, 201,
                s -> post(s, "/api/v1/recommendations/" + rec + "/progress-updates", progressBody(right)), List.of()));
        rows.add(new Row("addProgressUpdate", "in another institution's name", Role.REPORTER, Scope.NEVER_A_REPORTER, 201,
                s -> post(s, "/api/v1/recommendations/" + rec + "/progress-updates", progressBody(institutionCode)), List.of()));
        List<String> both = List.of(recommendation, otherRecommendation);
        rows.add(new Row("addAssessments", "one item per institution", Role.REPORTER, Scope.OWN_INSTITUTION, 207,
                s -> given().spec(s).contentType(ContentType.JSON).body(both.stream().map(r -> with(assessment("GOVERNMENT"), r)).toList())
                        .post("/api/v1/assessments"), both));
        rows.add(new Row("addProgressUpdates", "one item per institution", Role.REPORTER, Scope.OWN_INSTITUTION, 207,
                s -> given().spec(s).contentType(ContentType.JSON).body(List.of(with(progressBody(right), recommendation),
                        with(progressBody(other), otherRecommendation))).post("/api/v1/progress-updates"), both));
        // writes of admins
        rows.add(write("createInstitution", Role.ADMIN, 201, s -> post(s, "/api/v1/institutions", Map.of("code",
                TestData.unique("mx").toLowerCase(), "name", "Matrix institution", "country", "KZ", "kind", "OTHER"))));
        rows.add(write("patchInstitution", Role.ADMIN, 200, s -> patch(s, "/api/v1/institutions/" + institutionCode,
                Map.of("name", "Renamed " + UUID.randomUUID()))));
        rows.add(write("createTheme", Role.ADMIN, 201, s -> post(s, "/api/v1/themes", Map.of("code", TestData.unique("mx"),
                "label", "Matrix theme"))));
        rows.add(write("patchTheme", Role.ADMIN, 200, s -> patch(s, "/api/v1/themes/" + themeCode, Map.of("label", "Relabelled " + UUID.randomUUID()))));
        rows.add(write("createApiKey", Role.ADMIN, 201, s -> post(s, "/api/v1/api-keys", Map.of("name", "made-in-matrix", "role", "reader"))));
        // one key to revoke per caller, made before the matrix runs so that its making is not counted as a write
        java.util.Deque<Object> targets = new java.util.ArrayDeque<>();
        for (int i = 0; i < Who.values().length; i++) {
            targets.add(given().contentType(ContentType.JSON).body(Map.of("name", "to-revoke", "role", "reader"))
                    .post("/api/v1/api-keys").then().statusCode(201).extract().path("id"));
        }
        rows.add(write("revokeApiKey", Role.ADMIN, 204, s -> given().spec(s).delete("/api/v1/api-keys/{id}", targets.pop())));
        // webhooks: admin only
        Map<String, List<String>> nothing = Map.of("addressee", List.of("no-such-institution"));
        rows.add(new Row("listWebhooks", "", Role.ADMIN, Scope.NONE, 200, s -> given().spec(s).get("/api/v1/webhooks"), List.of()));
        rows.add(new Row("getWebhook", "", Role.ADMIN, Scope.NONE, 200, s -> given().spec(s).get("/api/v1/webhooks/{id}", webhookId), List.of()));
        rows.add(new Row("listWebhookDeliveries", "", Role.ADMIN, Scope.NONE, 200,
                s -> given().spec(s).get("/api/v1/webhooks/{id}/deliveries", webhookId), List.of()));
        rows.add(write("createWebhook", Role.ADMIN, 201, s -> post(s, "/api/v1/webhooks", webhook(nothing))));
        rows.add(write("patchWebhook", Role.ADMIN, 200, s -> patch(s, "/api/v1/webhooks/" + webhookId,
                Map.of("description", "Matrix " + UUID.randomUUID()))));
        rows.add(write("rotateWebhookSecret", Role.ADMIN, 200, s -> given().spec(s).post("/api/v1/webhooks/{id}/rotate-secret", webhookId)));
        rows.add(write("retryWebhookDelivery", Role.ADMIN, 202,
                s -> given().spec(s).post("/api/v1/webhooks/{id}/deliveries/{d}/retry", webhookId, deliveryId)));
        java.util.Deque<Object> hooks = new java.util.ArrayDeque<>();
        for (int i = 0; i < Who.values().length; i++) {
            hooks.add(given().contentType(ContentType.JSON).body(webhook(nothing)).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("id"));
        }
        rows.add(write("deleteWebhook", Role.ADMIN, 204, s -> given().spec(s).delete("/api/v1/webhooks/{id}", hooks.pop())));
        return rows;
    }

    private static Row read(String operation, Function<RequestSpecification, Response> call) {
        return new Row(operation, "", Role.READER, Scope.NONE, 200, call, List.of());
    }

    private static Row write(String operation, Role needs, int success, Function<RequestSpecification, Response> call) {
        return new Row(operation, "", needs, Scope.NONE, success, call, List.of());
    }

    private static Response post(RequestSpecification spec, String path, Object body) {
        return given().spec(spec).contentType(ContentType.JSON).body(body).post(path);
    }

    /** A merge patch with the current ETag, read just before (as the admin): only the caller's rights decide. */
    private static Response patch(RequestSpecification spec, String path, Map<String, Object> body) {
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");
        return given().spec(spec).contentType("application/merge-patch+json").header("If-Match", etag).body(body).patch(path);
    }

    /** The stream stays open: only its head is read, over a socket of its own. */
    private Response stream(RequestSpecification spec) {
        Supplier<List<String[]>> headers = () -> {
            String key = keyOf(spec);
            return key == null ? List.of() : List.<String[]>of(new String[] {"Authorization", "Bearer " + key});
        };
        RawHttp.Reply reply = RawHttp.send(RestAssured.port, "GET", "/api/v1/changes/stream?after=" + position.get(), headers.get(), null);
        return new io.restassured.builder.ResponseBuilder().setStatusCode(reply.status())
                .setContentType(String.valueOf(reply.header("Content-Type")))
                .setHeaders(new io.restassured.http.Headers(reply.headers().entrySet().stream()
                        .map(h -> new io.restassured.http.Header(h.getKey(), h.getValue())).toList()))
                .setBody(reply.body().getBytes(StandardCharsets.UTF_8)).build();
    }

    private String keyOf(RequestSpecification spec) {
        String header = ((io.restassured.specification.FilterableRequestSpecification) spec).getHeaders().getValue("Authorization");
        return header == null ? null : header.substring("Bearer ".length());
    }

    private static Map<String, Object> assessment(String assessorType) {
        return Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", assessorType, "assessedOn", "2024-01-15");
    }

    private static Map<String, Object> progressBody(String institution) {
        return Map.of("institution", institution, "stage", "IN_PROGRESS", "summary", "Matrix progress", "reportedOn", "2024-01-10");
    }

    private static Map<String, Object> with(Map<String, Object> item, String recommendation) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        copy.put("recommendation", recommendation);
        return copy;
    }

    private static String shorten(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
