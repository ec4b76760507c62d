package org.rectrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Data outlives the process: what the packaged service wrote before it was stopped is read back,
 * unchanged and with the same ETag, after it starts again; the change feed goes on from where it
 * was. Runs in both builds: on an H2 file (the embedded default) and on a PostgreSQL database.
 */
class RestartIT {

    private static final boolean POSTGRES = "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
    private static final String DATABASE = PackagedInstance.databaseName("rectrack_restart");
    private static final Path H2_FILES = Path.of("target", "restart-it");

    @AfterAll
    static void dropTheDatabase() throws Exception {
        if (POSTGRES) {
            PackagedInstance.dropDatabase(DATABASE);
        }
    }

    @Test
    void shouldKeepEverythingAcrossARestart() throws Exception {
        Map<String, String> database = PackagedInstance.freshDatabase(DATABASE, H2_FILES);
        String report = "RESTART-" + System.nanoTime();
        String recommendation = report + "-R1";
        ExtractableResponse<Response> before;
        long lastSeq;
        try (PackagedInstance first = PackagedInstance.start("restart-first", database)) {
            first.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", report, "title", "Before the restart", "issuer", "OSCE/ODIHR", "country", "KZ"))
                    .post("/api/v1/reports").then().statusCode(201);
            first.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", recommendation, "report", report, "number", 1,
                            "text", "Орталық сайлау комиссиясы should publish its decisions", "themes", List.of("election-administration")))
                    .post("/api/v1/recommendations").then().statusCode(201);
            first.request().contentType(ContentType.JSON)
                    .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            before = first.request().get("/api/v1/recommendations/{r}", recommendation).then().statusCode(200).extract();
            lastSeq = lastSeq(first);
        }

        try (PackagedInstance second = PackagedInstance.start("restart-second", database)) {
            ExtractableResponse<Response> after = second.request().get("/api/v1/recommendations/{r}", recommendation)
                    .then().statusCode(200).extract();
            assertEquals(before.asString(), after.asString(), "the same recommendation, byte for byte");
            assertEquals(before.header("ETag"), after.header("ETag"));
            assertEquals("PARTIALLY_IMPLEMENTED", after.path("status"));
            second.request().header("If-None-Match", before.header("ETag")).get("/api/v1/recommendations/{r}", recommendation)
                    .then().statusCode(304);

            assertEquals(lastSeq, lastSeq(second), "the feed is where it was");
            second.request().contentType(ContentType.JSON)
                    .body(Map.of("status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-01-15"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            assertTrue(lastSeq(second) > lastSeq, "and goes on after it");
        }
    }

    private static long lastSeq(PackagedInstance instance) {
        Number seq = instance.request().get("/api/v1/changes?after=0&limit=500").then().statusCode(200).extract().path("items[-1].seq");
        return seq.longValue();
    }
}
