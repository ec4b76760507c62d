package org.rectrack.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.institution.InstitutionInput;
import org.rectrack.institution.InstitutionKind;
import org.rectrack.institution.InstitutionService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Deliveries to real receivers on loopback: what is signed and how (checked with an implementation
 * of the spec of the test's own), retries, giving up, 410, redirects, deleted and disabled webhooks,
 * rotation, filters, rolled-back writes and the log.
 */
@QuarkusTest
@TestProfile(DeliveryProfile.class)
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InstitutionService institutions;

    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Long> webhooks = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        // each test's webhooks go, so no later test's events reach them
        for (long id : webhooks) {
            given().delete("/api/v1/webhooks/{id}", id);
        }
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver() throws Exception {
        Receiver r = Receiver.start();
        receivers.add(r);
        return r;
    }

    /** Registers a webhook and returns the 201's body (id and secret included). */
    private ExtractableResponse<Response> register(String url, List<String> events, Map<String, List<String>> filter) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "events", events, "description", "test receiver"));
        if (filter != null) {
            body.put("filter", filter);
        }
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(201).extract();
        webhooks.add(created.<Integer>path("id").longValue());
        return created;
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static List<Map<String, Object>> deliveries(long webhook) {
        return given().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void shouldSignEachDeliveryAsStandardWebhooksSays() throws Exception {
        Receiver receiver = receiver();
        String report = TestData.unique("HOOK");
        var created = register(receiver.url("/hooks/rectrack?source=test"), List.of("report"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        String secret = created.path("secret");
        assertTrue(secret.startsWith("whsec_") && java.util.Base64.getDecoder().decode(secret.substring(6)).length == 32, secret);

        given().contentType(ContentType.JSON).body(Map.of("reference", report, "title", "Signed", "issuer", "OSCE/ODIHR", "country", "KZ"))
                .post("/api/v1/reports").then().statusCode(201);
        Receiver.Received got = receiver.awaitCount(1, 10).get(0);

        JsonNode event = json(got.body());
        assertEquals(Set.of("seq", "type", "action", "key", "at", "data"), fieldNames(event), "one change-feed event");
        assertEquals("report", event.path("type").asText());
        assertEquals("created", event.path("action").asText());
        assertEquals(report, event.path("key").asText());
        assertEquals(report, event.path("data").path("reference").asText());
        long seq = event.path("seq").asLong();
        Map<String, Object> inFeed = given().queryParam("after", seq - 1).queryParam("limit", 1).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath().getMap("items[0]");
        assertEquals(JSON.valueToTree(inFeed), event, "the body is the event as the feed serves it");

        assertEquals("/hooks/rectrack?source=test", got.header(":path"));
        assertTrue(got.header("content-type").startsWith("application/json"));
        assertEquals("msg_" + id + "_" + seq, got.header("webhook-id"));
        long timestamp = Long.parseLong(got.header("webhook-timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "Unix seconds of the attempt: " + timestamp);
        assertEquals(1, StandardWebhooks.signatures(got.header("webhook-signature")));
        assertTrue(StandardWebhooks.verifies(secret, got.header("webhook-id"), got.header("webhook-timestamp"), got.body(),
                got.header("webhook-signature")), "the signature verifies with the secret of the 201");
        // the check can fail: another secret, another body or another timestamp does not verify
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertFalse(StandardWebhooks.verifies(other, got.header("webhook-id"), got.header("webhook-timestamp"), got.body(), got.header("webhook-signature")));
        assertFalse(StandardWebhooks.verifies(secret, got.header("webhook-id"), got.header("webhook-timestamp"), got.body() + " ", got.header("webhook-signature")));
        assertFalse(StandardWebhooks.verifies(secret, got.header("webhook-id"), Long.toString(timestamp + 1), got.body(), got.header("webhook-signature")));

        List<Map<String, Object>> log = awaitLog(id, l -> !l.isEmpty() && "DELIVERED".equals(l.get(0).get("state")));
        assertEquals(1, log.size());
        assertEquals(seq, ((Number) log.get(0).get("seq")).longValue());
        assertEquals("msg_" + id + "_" + seq, log.get(0).get("messageId"));
        List<Map<String, Object>> attempts = attempts(log.get(0));
        assertEquals(1, attempts.size());
        assertEquals(204, attempts.get(0).get("statusCode"));
        assertEquals(null, attempts.get(0).get("error"));

        // the secret is in the 201 only
        given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("secret", nullValue())
                .body(org.hamcrest.Matchers.not(containsString(secret)));
        given().get("/api/v1/webhooks").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(secret)));
    }

    @Test
    void shouldRetryAReceiverThatFailsTwiceWithTheSameIdAndBody() throws Exception {
        Receiver receiver = receiver().answering(n -> n <= 2 ? 500 : 200);
        String report = TestData.unique("RETRY");
        var created = register(receiver.url("/retry"), List.of("report"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        given().contentType(ContentType.JSON).body(Map.of("reference", report, "title", "Retried", "issuer", "OSCE/ODIHR", "country", "KZ"))
                .post("/api/v1/reports").then().statusCode(201);

        List<Receiver.Received> got = receiver.awaitCount(3, 20);
        assertEquals(3, got.size(), "two failures, then the delivery");
        for (Receiver.Received r : got) {
            assertEquals(got.get(0).header("webhook-id"), r.header("webhook-id"), "webhook-id is stable across attempts");
            assertEquals(got.get(0).body(), r.body(), "every attempt sends the same event");
            assertTrue(StandardWebhooks.verifies(created.path("secret"), r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                    r.header("webhook-signature")));
        }
        for (int i = 1; i < got.size(); i++) {
            long gap = got.get(i).receivedAtMillis() - got.get(i - 1).receivedAtMillis();
            assertTrue(gap >= 700, "retried after the configured 1 s (with jitter), not at once: " + gap + " ms");
        }
        List<Map<String, Object>> log = awaitLog(id, l -> !l.isEmpty() && "DELIVERED".equals(l.get(0).get("state")));
        assertEquals(List.of(500, 500, 200), attempts(log.get(0)).stream().map(a -> a.get("statusCode")).toList());
        assertEquals("the receiver answered 500", attempts(log.get(0)).get(0).get("error"));
        Thread.sleep(1500);
        assertEquals(3, receiver.received().size(), "a delivered event is not sent again");
    }

    @Test
    void shouldGiveUpAfterTheLastRetryDisableTheWebhookAndSendAgainOnRequest() throws Exception {
        Receiver receiver = receiver().answering(n -> 503);
        String report = TestData.report();
        var created = register(receiver.url("/down"), List.of("recommendation"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        String first = TestData.recommendation(report);

        // the first attempt and one per configured delay (1s,1s,1s)
        assertEquals(4, receiver.awaitCount(4, 20).size());
        awaitLog(id, l -> !l.isEmpty() && "GIVEN_UP".equals(l.get(0).get("state")));
        given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("active", equalTo(false))
                .body("disabledReason", containsString("Gave up on event"))
                .body("disabledReason", containsString("the receiver answered 503")).body("disabledAt", notNullValue());

        // disabled: a new event is not sent
        TestData.recommendation(report, Map.of("number", 2));
        Thread.sleep(2500);
        assertEquals(4, receiver.received().size(), "a disabled webhook gets nothing");

        long delivery = ((Number) deliveries(id).get(0).get("id")).longValue();
        given().post("/api/v1/webhooks/{id}/deliveries/{d}/retry", id, delivery).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("disabled"));

        // enabled again and asked to retry: sent, and delivered now that the receiver is back
        receiver.answering(n -> 204);
        String etag = given().get("/api/v1/webhooks/{id}", id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("active", true))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(200).body("active", equalTo(true)).body("disabledReason", nullValue());
        given().post("/api/v1/webhooks/{id}/deliveries/{d}/retry", id, delivery).then().statusCode(202)
                .body("state", equalTo("PENDING")).body("attempts.size()", equalTo(4));
        List<Receiver.Received> got = receiver.awaitCount(5, 10);
        assertEquals(first, json(got.get(4).body()).path("key").asText());
        assertEquals(got.get(0).header("webhook-id"), got.get(4).header("webhook-id"));
        List<Map<String, Object>> log = awaitLog(id, l -> "DELIVERED".equals(l.get(l.size() - 1).get("state")));
        assertEquals(1, log.size(), "the event written while the webhook was disabled is not owed to it");
        assertEquals(List.of(503, 503, 503, 503, 204), attempts(log.get(0)).stream().map(a -> a.get("statusCode")).toList());
    }

    @Test
    void shouldDisableAtOnceWhenTheReceiverAnswers410() throws Exception {
        Receiver receiver = receiver().answering(n -> 410);
        String report = TestData.report();
        var created = register(receiver.url("/gone"), List.of("*"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        TestData.recommendation(report);
        receiver.awaitCount(1, 10);
        List<Map<String, Object>> log = awaitLog(id, l -> !l.isEmpty() && "GIVEN_UP".equals(l.get(0).get("state")));
        assertEquals(1, attempts(log.get(0)).size(), "410 is not retried");
        given().get("/api/v1/webhooks/{id}", id).then().body("active", equalTo(false)).body("disabledReason", containsString("410"));
        TestData.recommendation(report, Map.of("number", 2));
        Thread.sleep(2000);
        assertEquals(1, receiver.received().size());
    }

    @Test
    void shouldTreatARedirectAsAFailureAndNotFollowIt() throws Exception {
        Receiver receiver = receiver().answering(n -> n == 1 ? 302 : 204);
        String report = TestData.unique("REDIR");
        var created = register(receiver.url("/moved"), List.of("report"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        given().contentType(ContentType.JSON).body(Map.of("reference", report, "title", "Moved", "issuer", "OSCE/ODIHR", "country", "KZ"))
                .post("/api/v1/reports").then().statusCode(201);
        List<Receiver.Received> got = receiver.awaitCount(2, 10);
        assertEquals(List.of("/moved", "/moved"), got.stream().map(r -> r.header(":path")).toList(),
                "the Location of the 302 is never requested; the event is sent again to the webhook's URL");
        List<Map<String, Object>> log = awaitLog(id, l -> !l.isEmpty() && "DELIVERED".equals(l.get(0).get("state")));
        Map<String, Object> redirected = attempts(log.get(0)).get(0);
        assertEquals(302, redirected.get("statusCode"));
        assertTrue(String.valueOf(redirected.get("error")).contains("redirect"), redirected.toString());
    }

    @Test
    void shouldSendNothingToADeletedOrDisabledWebhook() throws Exception {
        Receiver deleted = receiver();
        Receiver disabled = receiver();
        Receiver control = receiver();
        String report = TestData.report();
        Map<String, List<String>> filter = Map.of("report", List.of(report));
        long deletedId = register(deleted.url("/deleted"), List.of("*"), filter).<Integer>path("id").longValue();
        long disabledId = register(disabled.url("/disabled"), List.of("*"), filter).<Integer>path("id").longValue();
        register(control.url("/control"), List.of("*"), filter);

        given().delete("/api/v1/webhooks/{id}", deletedId).then().statusCode(204);
        given().get("/api/v1/webhooks/{id}", deletedId).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/webhooks/{id}/deliveries", deletedId).then().statusCode(404);
        given().delete("/api/v1/webhooks/{id}", deletedId).then().statusCode(404);
        String etag = given().get("/api/v1/webhooks/{id}", disabledId).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("active", false))
                .patch("/api/v1/webhooks/{id}", disabledId).then().statusCode(200).body("active", equalTo(false))
                .body("disabledReason", equalTo("Disabled by admin"));

        for (int i = 1; i <= 5; i++) {
            TestData.recommendation(report, Map.of("number", i));
        }
        assertEquals(5, control.awaitCount(5, 10).size(), "the control webhook gets every event");
        Thread.sleep(1500);
        assertEquals(0, deleted.received().size(), "a deleted webhook gets nothing");
        assertEquals(0, disabled.received().size(), "a disabled webhook gets nothing");
        assertEquals(List.of(), deliveries(disabledId), "nothing is owed to a disabled webhook");
    }

    @Test
    void shouldSignWithBothSecretsDuringARotation() throws Exception {
        Receiver receiver = receiver();
        String report = TestData.report();
        var created = register(receiver.url("/rotate"), List.of("recommendation"), Map.of("report", List.of(report)));
        long id = created.<Integer>path("id").longValue();
        String old = created.path("secret");

        var rotated = given().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200)
                .body("previousSecretValidUntil", notNullValue()).header("ETag", notNullValue()).extract();
        String fresh = rotated.path("secret");
        assertNotEquals(old, fresh);
        assertTrue(fresh.startsWith("whsec_"));
        given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("secret", nullValue())
                .body(org.hamcrest.Matchers.not(containsString(fresh)));

        TestData.recommendation(report);
        Receiver.Received got = receiver.awaitCount(1, 10).get(0);
        String signature = got.header("webhook-signature");
        assertEquals(2, StandardWebhooks.signatures(signature), signature);
        assertTrue(StandardWebhooks.verifies(fresh, got.header("webhook-id"), got.header("webhook-timestamp"), got.body(), signature));
        assertTrue(StandardWebhooks.verifies(old, got.header("webhook-id"), got.header("webhook-timestamp"), got.body(), signature));
    }

    @Test
    void shouldFilterByTypeReportCountryThemeAndAddressee() throws Exception {
        String theme = TestData.unique("flt").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("code", theme, "label", "Filtered theme")).post("/api/v1/themes").then().statusCode(201);
        String institution = TestData.institution();
        String kz = TestData.report("KZ");
        String mn = TestData.report("MN");

        Map<String, Receiver> by = new LinkedHashMap<>();
        for (String name : List.of("type", "report", "country", "theme", "addressee", "all")) {
            by.put(name, receiver());
        }
        List<String> both = List.of(kz, mn);
        register(by.get("type").url("/type"), List.of("assessment"), Map.of("report", both));
        register(by.get("report").url("/report"), List.of("*"), Map.of("report", List.of(mn)));
        register(by.get("country").url("/country"), List.of("recommendation"), Map.of("country", List.of("MN"), "report", both));
        register(by.get("theme").url("/theme"), List.of("recommendation", "assessment", "theme"), Map.of("theme", List.of(theme)));
        register(by.get("addressee").url("/addressee"), List.of("progress-update", "institution"), Map.of("addressee", List.of(institution)));
        register(by.get("all").url("/all"), List.of("recommendation", "assessment", "progress-update"), Map.of("report", both));

        String a = TestData.recommendation(kz, Map.of("themes", List.of(theme), "addressees", List.of(institution)));
        String b = TestData.recommendation(mn);
        TestData.assessment(a, "ISSUER", "PARTIALLY_IMPLEMENTED", "2024-01-10");
        given().contentType(ContentType.JSON).body(Map.of("institution", institution, "stage", "IN_PROGRESS", "summary", "Filtered",
                "reportedOn", "2024-02-01")).post("/api/v1/recommendations/{r}/progress-updates", b).then().statusCode(201);
        String etag = given().get("/api/v1/themes/{c}", theme).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("label", "Relabelled"))
                .patch("/api/v1/themes/{c}", theme).then().statusCode(200);

        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("type", Set.of("assessment created"));
        expected.put("report", Set.of("recommendation created " + b, "progress-update created", "recommendation updated " + b));
        expected.put("country", Set.of("recommendation created " + b, "recommendation updated " + b));
        expected.put("theme", Set.of("recommendation created " + a, "assessment created", "recommendation updated " + a,
                "theme updated " + theme));
        expected.put("addressee", Set.of("progress-update created"));
        expected.put("all", Set.of("recommendation created " + a, "recommendation created " + b, "assessment created",
                "recommendation updated " + a, "progress-update created", "recommendation updated " + b));
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            Receiver r = by.get(e.getKey());
            r.awaitCount(e.getValue().size(), 10);
        }
        Thread.sleep(1500); // anything a filter let through by mistake has arrived by now
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            List<String> got = new ArrayList<>();
            for (Receiver.Received r : by.get(e.getKey()).received()) {
                JsonNode event = json(r.body());
                String type = event.path("type").asText();
                boolean keyed = type.equals("recommendation") || type.equals("theme");
                got.add(type + " " + event.path("action").asText() + (keyed ? " " + event.path("key").asText() : ""));
            }
            assertEquals(new TreeSet<>(e.getValue()), new TreeSet<>(got), "filter by " + e.getKey());
            assertEquals(e.getValue().size(), got.size(), "filter by " + e.getKey() + ": each event once");
        }
    }

    @Test
    void shouldNeverSendARolledBackChange() throws Exception {
        Receiver receiver = receiver();
        String rolledBack = TestData.unique("rb").toLowerCase();
        String committed = TestData.unique("ok").toLowerCase();
        long id = register(receiver.url("/rollback"), List.of("institution"), Map.of("addressee", List.of(rolledBack, committed)))
                .<Integer>path("id").longValue();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                institutions.create(new InstitutionInput(rolledBack, "Rolled back", "KZ", InstitutionKind.OTHER));
                throw new IllegalStateException("the write fails after its change was announced");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        given().get("/api/v1/institutions/{c}", rolledBack).then().statusCode(404);
        institutions.create(new InstitutionInput(committed, "Committed", "KZ", InstitutionKind.OTHER));
        List<Receiver.Received> got = receiver.awaitCount(1, 10);
        Thread.sleep(1500);
        assertEquals(1, receiver.received().size());
        assertEquals(committed, json(got.get(0).body()).path("key").asText());
        assertEquals(List.of(committed), deliveries(id).stream().map(d -> d.get("key")).toList(), "the outbox row rolled back with the write");
    }

    @Test
    void shouldCountDeliveriesFailuresAndLagOnTheMetricsEndpoint() throws Exception {
        Receiver receiver = receiver().answering(n -> n == 1 ? 500 : 204);
        String report = TestData.report();
        register(receiver.url("/metrics"), List.of("recommendation"), Map.of("report", List.of(report)));
        double deliveredBefore = metric("rectrack_webhook_deliveries_total");
        double failedBefore = metric("rectrack_webhook_failures_total");
        TestData.recommendation(report);
        receiver.awaitCount(2, 10);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (metric("rectrack_webhook_deliveries_total") < deliveredBefore + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(metric("rectrack_webhook_deliveries_total") >= deliveredBefore + 1);
        assertTrue(metric("rectrack_webhook_failures_total") >= failedBefore + 1);
        given().get("/q/metrics").then().statusCode(200).body(containsString("rectrack_webhook_lag_seconds"));
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
        return (List<Map<String, Object>>) delivery.get("attempts");
    }

    private static List<Map<String, Object>> awaitLog(long webhook, java.util.function.Predicate<List<Map<String, Object>>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Map<String, Object>> log = deliveries(webhook);
        while (!done.test(log) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = deliveries(webhook);
        }
        assertTrue(done.test(log), "the log did not reach the expected state: " + log);
        return log;
    }

}
