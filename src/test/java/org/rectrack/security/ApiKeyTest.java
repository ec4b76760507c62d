package org.rectrack.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;
import org.rectrack.TestKeys;
import org.rectrack.common.Problem;
import org.rectrack.common.Secrets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Keys: created with a secret shown once, kept as a hash, refused once revoked or expired. */
@QuarkusTest
class ApiKeyTest {

    @Inject
    EntityManager em;

    @Inject
    KeyDirectory directory;

    @Test
    void shouldShowTheSecretOnceAndKeepOnlyItsHash() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", "cec-script", "role", "reader"))
                .post("/api/v1/api-keys");
        created.then().statusCode(201).header("Location", containsString("/api/v1/api-keys/"))
                .body("name", equalTo("cec-script")).body("role", equalTo("reader")).body("createdBy", equalTo("admin"))
                .body("revokedAt", nullValue()).body("lastUsedAt", nullValue()).body("$", not(hasKey("secretHash")));
        String secret = created.path("key");
        long id = created.<Integer>path("id");
        assertTrue(secret.matches("rtk_[A-Za-z0-9_-]{43}"), "rtk_ and 32 random bytes in base64url: " + secret.length());

        given().get("/api/v1/api-keys/{id}", id).then().statusCode(200).header("ETag", notNullValue())
                .body("$", not(hasKey("key"))).body("id", equalTo((int) id));
        String list = given().queryParam("limit", 500).get("/api/v1/api-keys").then().statusCode(200).extract().asString();
        assertTrue(list.contains("\"id\":" + id), list);
        assertFalse(list.contains(secret), "a list never shows a secret");

        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select name, role, secret_hash, created_by from api_key where id = ?1").setParameter(1, id).getResultList());
        Object[] row = rows.get(0);
        assertEquals(Secrets.sha256Hex(secret), row[2], "the hash of the whole key is kept");
        for (Object column : row) {
            assertFalse(String.valueOf(column).contains(secret.substring(4)), "no column holds the secret");
        }
    }

    @Test
    void shouldNeverStoreTheSecretInAnIdempotentReplay() {
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("name", "retried", "role", "reader");
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .post("/api/v1/api-keys");
        first.then().statusCode(201);
        String secret = first.path("key");
        given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body).post("/api/v1/api-keys")
                .then().statusCode(201).body("id", equalTo(first.<Integer>path("id"))).body("key", nullValue());

        List<byte[]> stored = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select body from idempotency_record where idempotency_key = ?1", byte[].class)
                .setParameter(1, idempotencyKey).getResultList());
        assertEquals(1, stored.size());
        assertFalse(new String(stored.get(0), StandardCharsets.UTF_8).contains(secret), "the replay keeps no secret");
        given().spec(TestKeys.as(secret)).get("/api/v1/me").then().statusCode(200).body("name", equalTo("retried"));
    }

    @Test
    void shouldTellACallerWhoItIs() {
        String institution = TestData.institution();
        String secret = TestKeys.create("reporter", Map.of("name", "cec-progress", "rateLimitPerMinute", 90), institution);
        given().spec(TestKeys.as(secret)).get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("cec-progress")).body("authenticated", equalTo(true)).body("role", equalTo("reporter"))
                .body("roles", equalTo(List.of("reader", "reporter"))).body("institutions", equalTo(List.of(institution)))
                .body("rateLimitPerMinute", equalTo(90)).body("keyId", notNullValue());
        given().spec(TestKeys.anonymous()).get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("anonymous")).body("authenticated", equalTo(false)).body("role", nullValue())
                .body("keyId", nullValue()).body("roles", equalTo(List.of("reader")));
        given().get("/api/v1/me").then().statusCode(200).body("name", equalTo("admin")).body("role", equalTo("admin"))
                .body("keyId", nullValue()).body("roles", equalTo(List.of("admin", "editor", "reader", "reporter")));
    }

    @Test
    void shouldRefuseARevokedKeyAtOnce() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", "leaked", "role", "editor"))
                .post("/api/v1/api-keys");
        String secret = created.path("key");
        int id = created.path("id");
        given().spec(TestKeys.as(secret)).get("/api/v1/reports").then().statusCode(200);

        given().delete("/api/v1/api-keys/{id}", id).then().statusCode(204);
        unauthorized(given().spec(TestKeys.as(secret)).get("/api/v1/reports"), "revoked");
        given().get("/api/v1/api-keys/{id}", id).then().statusCode(200).body("revokedAt", notNullValue());
        given().delete("/api/v1/api-keys/{id}", id).then().statusCode(204);
        given().delete("/api/v1/api-keys/{id}", 999_999_999).then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
        given().get("/api/v1/api-keys/{id}", "abc").then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void shouldRefuseAnExpiredKey() throws InterruptedException {
        String secret = TestKeys.create("reader", Map.of("expiresAt", Instant.now().plusSeconds(2).toString()));
        given().spec(TestKeys.as(secret)).get("/api/v1/reports").then().statusCode(200);
        Thread.sleep(2_500);
        unauthorized(given().spec(TestKeys.as(secret)).get("/api/v1/reports"), "expired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer rtk_notakeyatall", "Bearer ", "Basic YWRtaW46YWRtaW4=", "rtk_without_scheme", "Bearer a b"})
    void shouldNeverTakeABadCredentialForAnonymous(String header) {
        Response answer = given().header("Authorization", header).get("/api/v1/reports");
        unauthorized(answer, "");
        String credential = header.indexOf(' ') < 0 ? header : header.substring(header.indexOf(' ') + 1).strip();
        if (credential.length() >= 4) {
            assertFalse(answer.asString().contains(credential), "the problem never repeats the credential: " + answer.asString());
        }
    }

    @Test
    void shouldNameTheMissingKeyOnAnAnonymousWrite() {
        given().spec(TestKeys.anonymous()).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin"))
                .post("/api/v1/api-keys").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(startsWith(Problem.MEDIA_TYPE)).body("detail", containsString("needs an API key"));
    }

    @Test
    void shouldRecordTheKeyNameAsRecordedBy() {
        String institution = TestData.institution();
        String report = TestData.report();
        String recommendation = TestData.recommendation(report, Map.of("addressees", List.of(institution)));
        String secret = TestKeys.create("reporter", Map.of("name", "cec-reporter"), institution);
        given().spec(TestKeys.as(secret)).contentType(ContentType.JSON)
                .body(Map.of("institution", institution, "stage", "IN_PROGRESS", "summary", "Drafted", "reportedOn", "2024-01-10"))
                .post("/api/v1/recommendations/{r}/progress-updates", recommendation)
                .then().statusCode(201).body("recordedBy", equalTo("cec-reporter"));
    }

    @Test
    void shouldKeepTheLastUseToTheMinute() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", "poller", "role", "reader"))
                .post("/api/v1/api-keys");
        given().spec(TestKeys.as(created.path("key"))).get("/api/v1/themes").then().statusCode(200);
        directory.flushLastUsed();
        given().get("/api/v1/api-keys/{id}", created.<Integer>path("id")).then().statusCode(200).body("lastUsedAt", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"r\", \"role\": \"reporter\"}",
            "{\"name\": \"r\", \"role\": \"reporter\", \"institutions\": [\"no-such-institution-x\"]}",
            "{\"name\": \"e\", \"role\": \"editor\", \"institutions\": [\"kz-cec\"]}",
            "{\"name\": \"x\", \"role\": \"root\"}",
            "{\"name\": \"\", \"role\": \"reader\"}",
            "{\"name\": \"x\", \"role\": \"reader\", \"rateLimitPerMinute\": 0}",
            "{\"name\": \"x\", \"role\": \"reader\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}",
            "{\"name\": \"x\", \"role\": \"reader\", \"key\": \"rtk_chosen-by-the-client-000000000000000000\"}",
            "{\"name\": \"x\", \"role\": \"reader\", \"secretHash\": \"00\"}"})
    void shouldRefuseABadKeyRequestAndCreateNothing(String body) {
        long before = keys();
        given().contentType(ContentType.JSON).body(body).post("/api/v1/api-keys")
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE)).body("errors.field", notNullValue());
        assertEquals(before, keys(), "nothing was created");
    }

    @Test
    void shouldRefuseABootstrapKeyShorterThan32Characters() {
        var refused = assertThrows(IllegalStateException.class, () -> new KeyDirectory(null, null, null, Optional.of("short-key")));
        assertFalse(refused.getMessage().contains("short-key"), "the message never repeats the key");
    }

    /** Keys, refused keys and problems go through the logs without a trace of a secret. */
    @Test
    void shouldNeverLogAKey() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String secret = TestKeys.create("editor");
            given().spec(TestKeys.as(secret)).get("/api/v1/me").then().statusCode(200);
            given().spec(TestKeys.as(secret)).contentType(ContentType.JSON).body("{broken").post("/api/v1/reports").then().statusCode(400);
            given().spec(TestKeys.as(secret + "x")).get("/api/v1/me").then().statusCode(401);
            given().spec(TestKeys.as(secret)).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin"))
                    .post("/api/v1/api-keys").then().statusCode(403);
            for (String line : logged) {
                assertFalse(line.contains(secret.substring(4)), "a log line holds a key: " + line);
                assertFalse(line.contains(TestKeys.ADMIN), "a log line holds the admin key: " + line);
            }
        } finally {
            root.removeHandler(capture);
        }
    }

    private long keys() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from api_key")
                .getSingleResult()).longValue());
    }

    private static void unauthorized(Response answer, String reason) {
        answer.then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer")).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(401)).body("detail", containsString(reason));
    }
}
