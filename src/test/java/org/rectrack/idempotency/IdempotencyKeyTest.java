package org.rectrack.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.common.Caller;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A POST with an Idempotency-Key is done once, however often it is sent. */
@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    IdempotencyStore store;

    private static String reportJson(String reference, String title) {
        return "{\"reference\":\"" + reference + "\",\"title\":\"" + title + "\",\"issuer\":\"OSCE/ODIHR\",\"country\":\"KZ\"}";
    }

    private static String assessmentJson(String status) {
        return "{\"status\":\"" + status + "\",\"assessorType\":\"ISSUER\",\"assessedOn\":\"2024-03-01\"}";
    }

    private static Response postReport(String key, String json) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(json)
                .post("/api/v1/reports").then().extract().response();
    }

    @Test
    void shouldReplayTheFirstAnswerToTheSameRequest() {
        String key = TestData.unique("key");
        String reference = TestData.unique("RPT");
        String json = reportJson(reference, "Final report");

        Response first = postReport(key, json);
        Response again = postReport(key, json);

        assertEquals(201, first.statusCode());
        assertEquals(null, first.header("Idempotency-Replayed"));
        assertEquals(201, again.statusCode(), "a retry gets the 201 again, not a 409 for the existing reference");
        assertEquals("true", again.header("Idempotency-Replayed"));
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals("application/json;charset=UTF-8", first.header("Content-Type"), "as without a key");
        assertEquals(first.header("Content-Type"), again.header("Content-Type"));
        assertTrue(first.header("Location").endsWith("/api/v1/reports/" + reference));
        given().get("/api/v1/reports/{reference}", reference).then().statusCode(200).body("title", equalTo("Final report"));
    }

    @Test
    void shouldRecordARetriedAssessmentOnce() {
        String recommendation = TestData.recommendation(TestData.report());
        String key = TestData.unique("key");

        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(assessmentJson("MOSTLY_IMPLEMENTED"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
        }

        given().get("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void shouldWorkAsBeforeWithoutAKey() {
        String json = reportJson(TestData.unique("RPT"), "Final report");
        given().contentType(ContentType.JSON).body(json).post("/api/v1/reports").then().statusCode(201);
        given().contentType(ContentType.JSON).body(json).post("/api/v1/reports").then().statusCode(409)
                .header("Idempotency-Replayed", nullValue());
    }

    @Test
    void shouldRejectTheSameKeyForAnotherRequest() {
        String key = TestData.unique("key");
        String reference = TestData.unique("RPT");
        postReport(key, reportJson(reference, "Final report")).then().statusCode(201);

        postReport(key, reportJson(reference, "Another title")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rectrack:problem:idempotency-key-reused"))
                .body("status", equalTo(422));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"code\":\"x\"}")
                .post("/api/v1/themes").then().statusCode(422);
        given().get("/api/v1/reports/{reference}", reference).then().body("title", equalTo("Final report"));
    }

    @Test
    void shouldReplayAValidationErrorToo() {
        String key = TestData.unique("key");
        String json = reportJson(TestData.unique("RPT"), "");

        Response first = postReport(key, json);
        Response again = postReport(key, json);

        assertEquals(400, first.statusCode());
        assertEquals("application/problem+json", first.contentType());
        assertEquals(400, again.statusCode());
        assertEquals("true", again.header("Idempotency-Replayed"));
        assertArrayEquals(first.asByteArray(), again.asByteArray());
    }

    @Test
    void shouldRejectAKeyLongerThan255Characters() {
        String reference = TestData.unique("RPT");
        postReport("k".repeat(256), reportJson(reference, "Final report")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        given().get("/api/v1/reports/{reference}", reference).then().statusCode(404);

        postReport("k".repeat(240) + TestData.unique(""), reportJson(reference, "Final report")).then().statusCode(201);
    }

    @Test
    void shouldNotStoreAServerErrorSoThatARetryDoesTheWork() {
        String key = TestData.unique("key");
        String name = TestData.unique("flaky");
        String json = "{\"name\":\"" + name + "\"}";

        assertEquals(500, RawHttp.post("/api/test/idempotency/flaky", key, json).statusCode());
        HttpResponse<byte[]> retry = RawHttp.post("/api/test/idempotency/flaky", key, json);
        HttpResponse<byte[]> again = RawHttp.post("/api/test/idempotency/flaky", key, json);

        assertEquals(201, retry.statusCode(), RawHttp.body(retry));
        assertEquals(201, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotency-Replayed").orElse(null));
        assertArrayEquals(retry.body(), again.body());
        assertEquals(2, FlakyAndSlowResource.calls(name), "the failed call and the retry, not the replay");
    }

    @Test
    void shouldAnswer409WhileTheFirstRequestRunsAndItsAnswerAfterwards() throws Exception {
        String key = TestData.unique("key");
        String name = TestData.unique("slow");
        String json = "{\"name\":\"" + name + "\"}";
        CompletableFuture<HttpResponse<byte[]>> first = startSlow(key, name, json);

        HttpResponse<byte[]> busy = RawHttp.post("/api/test/idempotency/slow", key, json);
        assertEquals(409, busy.statusCode());
        assertEquals("application/problem+json", busy.headers().firstValue("Content-Type").orElse(null));
        assertTrue(RawHttp.body(busy).contains("urn:rectrack:problem:idempotency-key-in-use"), RawHttp.body(busy));
        assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));

        FlakyAndSlowResource.GATES.get(name).countDown();
        HttpResponse<byte[]> answer = first.get();
        HttpResponse<byte[]> later = RawHttp.post("/api/test/idempotency/slow", key, json);
        assertEquals(201, answer.statusCode());
        assertEquals(201, later.statusCode());
        assertArrayEquals(answer.body(), later.body());
        assertEquals(1, FlakyAndSlowResource.calls(name));
    }

    @Test
    void shouldLetADuplicateWaitForTheFirstAnswerAndReplayIt() throws Exception {
        String key = TestData.unique("key");
        String name = TestData.unique("slow");
        String json = "{\"name\":\"" + name + "\"}";
        CompletableFuture<HttpResponse<byte[]>> first = startSlow(key, name, json);
        CompletableFuture<HttpResponse<byte[]>> duplicate = CompletableFuture.supplyAsync(
                () -> RawHttp.post("/api/test/idempotency/slow", key, json));
        Thread.sleep(500);
        assertFalse(duplicate.isDone(), "the duplicate waits while the first runs");

        FlakyAndSlowResource.GATES.get(name).countDown();

        assertEquals(201, first.get().statusCode());
        assertEquals(201, duplicate.get().statusCode());
        assertEquals("true", duplicate.get().headers().firstValue("Idempotency-Replayed").orElse(null));
        assertArrayEquals(first.get().body(), duplicate.get().body());
        assertEquals(1, FlakyAndSlowResource.calls(name));
    }

    @Test
    void shouldTakeOverAClaimAbandonedByACrashedInstance() {
        String recommendation = TestData.recommendation(TestData.report());
        String path = "/api/v1/recommendations/" + recommendation + "/assessments";
        String json = assessmentJson("PARTIALLY_IMPLEMENTED");
        String key = TestData.unique("key");
        String fingerprint = RequestFingerprint.of("POST", path, null, RawHttp.JSON, json.getBytes(StandardCharsets.UTF_8));
        // what an instance leaves behind when it dies after claiming the key and before answering
        store.claim(Claim.fresh(Caller.ANONYMOUS, key), fingerprint, Instant.now().minus(Duration.ofMinutes(10)));

        HttpResponse<byte[]> answer = RawHttp.post(path, key, json);

        assertEquals(201, answer.statusCode(), RawHttp.body(answer));
        assertEquals(null, answer.headers().firstValue("Idempotency-Replayed").orElse(null));
        assertArrayEquals(answer.body(), RawHttp.post(path, key, json).body());
        given().get(path).then().body("items", hasSize(1));
    }

    /** Sends a POST to the slow route in the background and returns once the route is running it. */
    private static CompletableFuture<HttpResponse<byte[]>> startSlow(String key, String name, String json) throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(
                () -> RawHttp.post("/api/test/idempotency/slow", key, json));
        while (FlakyAndSlowResource.calls(name) == 0) {
            Thread.sleep(10);
        }
        return first;
    }
}
