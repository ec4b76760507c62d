package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;

/** The list of recommendations chooses JSON, CSV or NDJSON by Accept, and says so to caches. */
@QuarkusTest
class ListNegotiationTest {

    @Test
    void shouldRefuseATypeTheClientRatesQZero() {
        String report = TestData.report();
        TestData.recommendation(report);
        for (String accept : List.of("text/csv;q=0", "*/*;q=0", "text/*, text/csv;q=0", "application/x-ndjson;q=0, text/csv;q=0")) {
            given().accept(accept).queryParam("report", report).get("/api/v1/recommendations").then()
                    .statusCode(406).contentType(startsWith("application/problem+json")).body("status", equalTo(406));
        }
        given().accept("application/json, text/csv;q=0").queryParam("report", report).get("/api/v1/recommendations")
                .then().statusCode(200).contentType("application/json");
        given().accept("*/*, application/json;q=0").queryParam("report", report).get("/api/v1/recommendations")
                .then().statusCode(200).contentType(startsWith("text/csv"));
    }

    /** Vary names Accept (and, for an answer that may be compressed, Accept-Encoding). */
    private static final org.hamcrest.Matcher<String> VARIES_BY_ACCEPT =
            org.hamcrest.Matchers.matchesPattern("(.*, )?Accept(, .*)?");

    @Test
    void shouldSayThatTheAnswerVariesByAcceptAlsoIn304() {
        String report = TestData.report();
        TestData.recommendation(report);
        for (String accept : List.of("application/json", "text/csv", "application/x-ndjson")) {
            String tag = given().accept(accept).queryParam("report", report).get("/api/v1/recommendations").then()
                    .statusCode(200).header("Vary", VARIES_BY_ACCEPT).header("Cache-Control", "no-cache").extract().header("ETag");
            assertNotNull(tag, accept);
            given().accept(accept).header("If-None-Match", tag).queryParam("report", report).get("/api/v1/recommendations")
                    .then().statusCode(304).header("Vary", VARIES_BY_ACCEPT).header("ETag", tag);
        }
        given().get("/api/v1/reports/" + report).then().statusCode(200).header("Vary", (String) null);
    }

    @Test
    void shouldGiveTheHeadOfAnExportTheEtagOfItsGet() {
        String report = TestData.report();
        TestData.recommendation(report);
        for (String accept : List.of("text/csv", "application/x-ndjson", "application/json")) {
            String get = given().accept(accept).queryParam("report", report).get("/api/v1/recommendations").then()
                    .statusCode(200).extract().header("ETag");
            String head = given().accept(accept).queryParam("report", report).head("/api/v1/recommendations").then()
                    .statusCode(200).extract().header("ETag");
            assertNotNull(get, accept);
            assertEquals(get, head, accept);
        }
    }
}
