package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/v1/assessments and /api/v1/progress-updates: one result per item, each item on its own. */
@QuarkusTest
class BulkAssessmentTest {

    @Test
    void shouldAnswer207WithOneResultPerItemInOrder() {
        String report = TestData.report();
        String first = TestData.recommendation(report);
        String second = TestData.recommendation(report);
        List<Map<String, Object>> items = List.of(
                Map.of("recommendation", first, "status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"),
                Map.of("recommendation", second, "status", "NOT_ASSESSED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"),
                Map.of("recommendation", "NO-SUCH-REC", "status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"),
                Map.of("recommendation", second, "status", "BAD", "assessorType", "ISSUER", "assessedOn", "2023-06-20"),
                Map.of("status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"),
                Map.of("recommendation", second, "status", "FULLY_IMPLEMENTED", "assessorType", "GOVERNMENT", "assessedOn", "2023-01-01"));

        given().contentType(ContentType.JSON).body(items).post("/api/v1/assessments")
                .then().statusCode(207)
                .body("succeeded", equalTo(2)).body("failed", equalTo(4))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4, 5)))
                .body("results.status", equalTo(List.of(201, 400, 404, 400, 400, 201)))
                .body("results[0].created.recommendation", equalTo(first))
                .body("results[0].problem", nullValue())
                .body("results[1].problem.errors[0].field", equalTo("status"))
                .body("results[2].problem.detail", equalTo("No recommendation 'NO-SUCH-REC'"))
                .body("results[3].problem.errors[0].field", equalTo("status"))
                .body("results[4].problem.errors[0].field", equalTo("recommendation"))
                .body("results[5].created.assessorType", equalTo("GOVERNMENT"));

        given().get("/api/v1/recommendations/{r}", first).then().body("status", equalTo("PARTIALLY_IMPLEMENTED"));
        given().get("/api/v1/recommendations/{r}/assessments", second).then().body("items", hasSize(1))
                .body("items[0].assessorType", equalTo("GOVERNMENT"));
        given().get("/api/v1/recommendations/{r}", second).then().body("status", equalTo("NOT_ASSESSED"));
    }

    @Test
    void shouldApplyManyItemsOfOneRecommendationInDateOrder() {
        String rec = TestData.recommendation(TestData.report());
        List<Map<String, Object>> items = List.of(
                Map.of("recommendation", rec, "status", "MOSTLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2022-01-01"),
                Map.of("recommendation", rec, "status", "NOT_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-01-01"),
                Map.of("recommendation", rec, "status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-01-01"));
        given().contentType(ContentType.JSON).body(items).post("/api/v1/assessments").then().statusCode(207)
                .body("succeeded", equalTo(3));
        given().get("/api/v1/recommendations/{r}", rec).then()
                .body("status", equalTo("NOT_IMPLEMENTED")).body("statusAssessedOn", equalTo("2024-01-01"));
    }

    @Test
    void shouldRefuseMoreThanTheMaximumWith413AndWriteNothing() {
        String rec = TestData.recommendation(TestData.report());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(Map.of("recommendation", rec, "status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"));
        }
        given().contentType(ContentType.JSON).body(items).post("/api/v1/assessments")
                .then().statusCode(413).contentType("application/problem+json");
        given().get("/api/v1/recommendations/{r}/assessments", rec).then().body("items", hasSize(0));
    }

    @Test
    void shouldRejectABodyThatIsNotAnArray() {
        given().contentType(ContentType.JSON).body(Map.of("recommendation", "X")).post("/api/v1/assessments")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void shouldRecordProgressUpdatesInBulk() {
        String institution = TestData.institution();
        String rec = TestData.recommendation(TestData.report());
        List<Map<String, Object>> items = List.of(
                Map.of("recommendation", rec, "institution", institution, "stage", "IN_PROGRESS", "summary", "Draft law", "reportedOn", "2022-03-01"),
                Map.of("recommendation", rec, "institution", "no-such-institution", "stage", "IN_PROGRESS", "summary", "x", "reportedOn", "2022-03-01"),
                Map.of("recommendation", rec, "institution", institution, "stage", "COMPLETED", "percentComplete", 101, "summary", "x", "reportedOn", "2022-03-01"));
        given().contentType(ContentType.JSON).body(items).post("/api/v1/progress-updates")
                .then().statusCode(207)
                .body("results.status", equalTo(List.of(201, 400, 400)))
                .body("results[1].problem.errors[0].field", equalTo("institution"))
                .body("results[2].problem.errors[0].field", equalTo("percentComplete"));
        given().get("/api/v1/recommendations/{r}", rec).then().body("latestProgress.summary", equalTo("Draft law"));
    }
}
