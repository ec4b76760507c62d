package org.rectrack.idempotency;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rectrack.PackagedInstance;

import io.restassured.http.ContentType;

/**
 * A crash between an idempotent POST's work and its commit: the packaged service halts (as a
 * {@code kill -9} would stop it) after the work and its stored answer are written, before they
 * commit. After a restart, neither is there; the retry with the same key does the work once, and a
 * second retry replays that answer. Runs on H2 (a file) and on PostgreSQL.
 */
class IdempotencyCrashRestartIT {

    private static final String DATABASE = "rectrack_crash";

    @AfterAll
    static void dropTheDatabase() throws Exception {
        if (PackagedInstance.ON_POSTGRES) {
            PackagedInstance.dropDatabase(PackagedInstance.databaseName(DATABASE));
        }
    }

    @Test
    void shouldDoTheWorkOnceWhenTheServiceDiesBeforeTheCommit() throws Exception {
        Map<String, String> database = PackagedInstance.freshDatabase(DATABASE);
        String report = "CRASH-" + System.nanoTime();
        String recommendation = report + "-R1";
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("reference", recommendation, "report", report, "number", 1,
                "text", "Publish every decision of the election commission", "themes", List.of("election-administration"));

        Map<String, String> crashing = new java.util.HashMap<>(database);
        crashing.put("RECTRACK_IDEMPOTENCY_HALT_BEFORE_COMMIT", "true");
        try (PackagedInstance first = PackagedInstance.start("crash-first", crashing)) {
            first.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", report, "title", "Before the crash", "issuer", "OSCE/ODIHR", "country", "KZ"))
                    .post("/api/v1/reports").then().statusCode(201);
            assertThrows(Exception.class, () -> first.request().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/api/v1/recommendations"), "the service dies before it answers");
            assertEquals(137, first.awaitExit(30), "the service halted where the fault was injected");
        }

        Map<String, String> restarted = new java.util.HashMap<>(database);
        // the dead instance's claim counts as abandoned after a second, not after the default 2 minutes
        restarted.put("RECTRACK_IDEMPOTENCY_ABANDON_AFTER", "1s");
        try (PackagedInstance second = PackagedInstance.start("crash-second", restarted)) {
            second.request().get("/api/v1/recommendations/{r}", recommendation).then().statusCode(404);
            Thread.sleep(1_500);
            String created = second.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/recommendations").then().statusCode(201).header("Idempotency-Replayed", nullValue())
                    .extract().asString();
            String replayed = second.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/recommendations").then().statusCode(201).header("Idempotency-Replayed", "true")
                    .extract().asString();
            assertEquals(created, replayed, "the second retry gets the first answer");
            List<String> references = second.request().queryParam("report", report).get("/api/v1/recommendations")
                    .then().statusCode(200).extract().path("items.reference");
            assertEquals(List.of(recommendation), references, "the work was done exactly once");
        }
    }
}
