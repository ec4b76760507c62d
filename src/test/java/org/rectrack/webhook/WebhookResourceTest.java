package org.rectrack.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectrack.changes.FeedPosition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The webhook routes with private targets off (the default): registration and its answers, what is
 * refused (internal targets, bad input) without anything written, the secret shown once, and the
 * conditional PATCH. Targets here are a documentation address (RFC 5737) that no event is sent to: their
 * filter names a report that does not exist.
 */
@QuarkusTest
class WebhookResourceTest {

    /** A documentation address (RFC 5737: public, routed nowhere, no DNS needed); the filter keeps every event away from it. */
    private static final String PUBLIC = "https://203.0.113.10/rectrack/events";
    private static final Map<String, List<String>> NOTHING = Map.of("report", List.of("NO-SUCH-REPORT"));

    @Inject
    EntityManager em;

    @Inject
    FeedPosition position;

    private final List<Object> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(id -> given().delete("/api/v1/webhooks/{id}", id));
    }

    private Map<String, Object> body(String url) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "events", List.of("recommendation", "assessment"),
                "filter", NOTHING, "description", "Resource test"));
        return body;
    }

    private Object register(Map<String, Object> body) {
        Object id = given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    /** Rows of the webhook tables and the feed's position: what a refused request must leave as it was. */
    private String written() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select (select count(*) from webhook) || '/' || (select count(*) from webhook where deleted_at is null) || '/' "
                        + "|| (select coalesce(max(version), 0) from webhook) || '/' || (select count(*) from webhook_delivery)")
                .getSingleResult().toString()) + " feed " + position.get();
    }

    @Test
    void shouldRegisterAWebhookAndShowItsSecretOnlyOnce() {
        var answer = given().contentType(ContentType.JSON).body(body(PUBLIC)).post("/api/v1/webhooks").then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/v1/webhooks/")).header("ETag", "\"0\"")
                .body("url", equalTo(PUBLIC)).body("events", equalTo(List.of("recommendation", "assessment")))
                .body("filter.report", equalTo(List.of("NO-SUCH-REPORT"))).body("filter.country", equalTo(List.of()))
                .body("active", equalTo(true)).body("disabledReason", nullValue()).body("createdBy", equalTo("admin"))
                .body("secret", startsWith("whsec_")).extract();
        Object id = answer.path("id");
        created.add(id);
        String secret = answer.path("secret");
        assertEquals(44, secret.length() - "whsec_".length(), "base64 of 32 bytes");

        given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("secret", nullValue()).body(not(containsString(secret)));
        given().get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id)).body(not(containsString(secret)));
        given().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200).body("items", equalTo(List.of()))
                .body("next", nullValue());

        given().contentType(ContentType.JSON).body(Map.of("url", PUBLIC, "events", List.of("*", "report"), "filter", NOTHING))
                .post("/api/v1/webhooks").then().statusCode(201).body("events", equalTo(List.of("*")))
                .body("description", nullValue()).extract().path("id");
    }

    @Test
    void shouldPageTheList() {
        register(body(PUBLIC));
        register(body(PUBLIC));
        String next = given().queryParam("limit", 1).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.size()", equalTo(1)).header("Link", containsString("rel=\"next\"")).extract().path("next");
        given().queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().queryParam("cursor", "forged").get("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldRefuseInternalTargetsAndWriteNothing() {
        String before = written();
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hook", "http://192.168.0.10/hook",
                "http://0.0.0.0/hook", "http://[fd00::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[fe80::1]/hook",
                "http://224.0.0.1/hook", "http://100.100.100.200/latest", "ftp://203.0.113.10/hook", "https://u:p@203.0.113.10/hook")) {
            given().contentType(ContentType.JSON).body(body(url)).post("/api/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"))
                    .body("errors.size()", equalTo(1));
        }
        assertEquals(before, written(), "a refused registration writes nothing");

        Object id = register(body(PUBLIC));
        String etag = given().get("/api/v1/webhooks/{id}", id).then().extract().header("ETag");
        String afterCreate = written();
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("url", "http://127.0.0.1:9/x"))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("url"))
                .body("detail", containsString("loopback"));
        assertEquals(afterCreate, written(), "a refused change writes nothing");
        given().get("/api/v1/webhooks/{id}", id).then().body("url", equalTo(PUBLIC));
    }

    @Test
    void shouldNameEveryBadFieldAndWriteNothing() {
        String before = written();
        Map<String, Object> bad = new HashMap<>();
        bad.put("url", "https://203.0.113.10/" + "a".repeat(2048));
        bad.put("events", List.of("recommendation", "nope"));
        bad.put("description", "d".repeat(501));
        bad.put("filter", Map.of("country", List.of("XX"), "theme", List.of("Not A Slug"),
                "report", java.util.Collections.nCopies(51, "R")));
        var problem = given().contentType(ContentType.JSON).body(bad).post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        List<String> fields = problem.getList("errors.field");
        for (String field : List.of("url", "description", "filter.report")) {
            org.junit.jupiter.api.Assertions.assertTrue(fields.contains(field), field + " in " + fields);
        }
        org.junit.jupiter.api.Assertions.assertTrue(fields.stream().anyMatch(f -> f.startsWith("events")), fields.toString());
        org.junit.jupiter.api.Assertions.assertTrue(fields.stream().anyMatch(f -> f.startsWith("filter.country")), fields.toString());
        org.junit.jupiter.api.Assertions.assertTrue(fields.stream().anyMatch(f -> f.startsWith("filter.theme")), fields.toString());

        given().contentType(ContentType.JSON).body(Map.of("url", PUBLIC, "events", List.of())).post("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("events"));
        given().contentType(ContentType.JSON).body(Map.of("events", List.of("*"))).post("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body(Map.of("url", PUBLIC, "events", List.of("*"), "secret", "whsec_mine"))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, written());
    }

    @Test
    void shouldKeepTheSecretOutOfAnIdempotencyReplay() {
        String key = "hook-" + System.nanoTime();
        var first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(PUBLIC))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract();
        created.add(first.path("id"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(PUBLIC))
                .post("/api/v1/webhooks").then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first.path("id"))).body("secret", nullValue())
                .body(not(containsString(first.<String>path("secret"))));

        Object id = first.path("id");
        String rotateKey = "rotate-" + System.nanoTime();
        String rotated = given().header("Idempotency-Key", rotateKey).post("/api/v1/webhooks/{id}/rotate-secret", id)
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
        given().header("Idempotency-Key", rotateKey).post("/api/v1/webhooks/{id}/rotate-secret", id)
                .then().statusCode(200).header("Idempotency-Replayed", "true").body("secret", nullValue())
                .body(not(containsString(rotated)));
    }

    @Test
    void shouldPatchOnlyWithTheCurrentETag() {
        Object id = register(body(PUBLIC));
        String path = "/api/v1/webhooks/" + id;
        String before = written();
        given().contentType("application/merge-patch+json").body(Map.of("description", "x")).patch(path).then().statusCode(428);
        given().contentType("application/merge-patch+json").header("If-Match", "\"7\"").body(Map.of("description", "x"))
                .patch(path).then().statusCode(412);
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body(Map.of("id", 5))
                .patch(path).then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body(Map.of("secret", "whsec_mine"))
                .patch(path).then().statusCode(400).body("errors[0].field", equalTo("secret"));
        assertEquals(before, written(), "refused patches write nothing");

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("description", "Renamed", "filter", Map.of("country", List.of("KZ"))))
                .patch(path).then().statusCode(200).header("ETag", "\"1\"").body("description", equalTo("Renamed"))
                .body("filter.country", equalTo(List.of("KZ"))).body("filter.report", equalTo(List.of("NO-SUCH-REPORT")));
        Map<String, Object> clear = new HashMap<>();
        clear.put("filter", null);
        clear.put("events", List.of("theme"));
        clear.put("active", false);
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body(clear)
                .patch(path).then().statusCode(200).body("filter.report", equalTo(List.of())).body("events", equalTo(List.of("theme")))
                .body("active", equalTo(false)).body("disabledReason", equalTo("Disabled by admin")).body("disabledAt", notNullValue());
    }

    @Test
    void shouldAnswer404ForWhatDoesNotExist() {
        Object id = register(body(PUBLIC));
        for (String path : List.of("/api/v1/webhooks/999999999", "/api/v1/webhooks/abc", "/api/v1/webhooks/999999999/deliveries")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().post("/api/v1/webhooks/999999999/rotate-secret").then().statusCode(404);
        given().post("/api/v1/webhooks/{id}/deliveries/999999999/retry", id).then().statusCode(404)
                .body("detail", containsString("delivery"));
        given().post("/api/v1/webhooks/{id}/deliveries/x/retry", id).then().statusCode(404);
        given().delete("/api/v1/webhooks/999999999").then().statusCode(404);
    }
}
