package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rectrack.TestData.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** A recommendation's progress history: what implementing institutions report, oldest first. */
@QuarkusTest
class ProgressResourceTest {


    @Test
    void shouldAnswerTheCreatedEntryWithTheETagItsReadGives() {
        String reference = TestData.recommendation(TestData.report());
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(Map.of("institution", TestData.institution(), "stage", "IN_PROGRESS", "summary", "Drafted", "reportedOn", "2023-06-20"))
                .post("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(201).header("ETag", notNullValue()).extract();
        String etag = created.header("ETag");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", equalTo(etag));
        given().header("If-None-Match", etag).get(created.header("Location")).then().statusCode(304);
    }

    @Test
    void shouldRecordProgressUpdateWithLocationThatReadsTheSameItem() {
        String reference = TestData.recommendation(TestData.report());
        String institution = TestData.institution();
        Map<String, Object> body = Map.of("institution", institution, "stage", "IN_PROGRESS", "percentComplete", 40,
                "summary", "Draft amendments submitted to parliament", "reportedOn", "2023-09-01",
                "evidence", List.of("https://example.org/draft.pdf"));

        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("recommendation", is(reference))
                .body("institution", is(institution))
                .body("stage", is("IN_PROGRESS"))
                .body("percentComplete", is(40))
                .body("summary", is("Draft amendments submitted to parliament"))
                .body("reportedOn", is("2023-09-01"))
                .body("evidence", contains("https://example.org/draft.pdf"))
                .body("recordedAt", notNullValue())
                .body("recordedBy", notNullValue())
                .body("version", is(1))
                .extract();
        long id = created.jsonPath().getLong("id");
        String location = created.header("Location");
        assertNotNull(location);
        assertTrue(location.endsWith("/api/v1/recommendations/" + reference + "/progress-updates/" + id), location);

        given().get(location).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(created.path("id")))
                .body("institution", is(institution))
                .body("summary", is("Draft amendments submitted to parliament"))
                .body("recordedAt", is(created.<String>path("recordedAt")));
        given().get("/api/v1/recommendations/{reference}/progress-updates/{id}", reference, id)
                .then().statusCode(200).body("stage", is("IN_PROGRESS"));
    }

    @Test
    void shouldAcceptProgressUpdateWithoutPercentComplete() {
        String reference = TestData.recommendation(TestData.report());
        post(reference, body(TestData.institution(), "PLANNED", "Working group set up", "2023-01-01"))
                .then().statusCode(201)
                .body("percentComplete", nullValue())
                .body("evidence", empty());
    }

    @Test
    void shouldSetRecordedAtAndRecordedByOnTheServer() {
        String reference = TestData.recommendation(TestData.report());
        Instant before = Instant.now().minusSeconds(1);

        ExtractableResponse<Response> created = post(reference, body(TestData.institution(), "PLANNED", "Planned", "2020-02-02"))
                .then().statusCode(201).extract();

        Instant recordedAt = Instant.parse(created.path("recordedAt"));
        assertFalse(recordedAt.isBefore(before), "recorded now: " + recordedAt);
        assertFalse(recordedAt.isAfter(Instant.now().plusSeconds(1)), "recorded now: " + recordedAt);
        assertFalse(created.<String>path("recordedBy").isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"recordedBy", "recordedAt", "id", "version"})
    void shouldRejectServerOwnedFieldsFromTheClient(String field) {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body(TestData.institution(), "PLANNED", "Planned", "2023-01-01");
        body.put(field, field.equals("id") || field.equals("version") ? 42 : field.equals("recordedAt") ? "2023-01-01T00:00:00Z" : "mallory");

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains(field));
        history(reference).body("items", empty());
    }

    @Test
    void shouldListHistoryOldestFirstByReportedOn() {
        String reference = TestData.recommendation(TestData.report());
        String institution = TestData.institution();
        post(reference, body(institution, "COMPLETED", "Adopted", "2024-02-01")).then().statusCode(201);
        post(reference, body(institution, "PLANNED", "Planned", "2022-02-01")).then().statusCode(201);
        post(reference, body(institution, "IN_PROGRESS", "Drafted", "2023-02-01")).then().statusCode(201);

        history(reference)
                .body("items.reportedOn", contains("2022-02-01", "2023-02-01", "2024-02-01"))
                .body("items.summary", contains("Planned", "Drafted", "Adopted"))
                .body("next", nullValue());
    }

    @Test
    void shouldPageThroughHistoryWithLimit() {
        String reference = TestData.recommendation(TestData.report());
        String institution = TestData.institution();
        for (String date : List.of("2022-03-01", "2020-03-01", "2021-03-01")) {
            post(reference, body(institution, "IN_PROGRESS", "Report of " + date, date)).then().statusCode(201);
        }

        ExtractableResponse<Response> first = given().queryParam("limit", 2)
                .get("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(200)
                .body("items.reportedOn", contains("2020-03-01", "2021-03-01"))
                .body("next", notNullValue())
                .extract();
        String cursor = first.path("next");
        assertTrue(first.header("Link").contains("cursor=" + cursor), first.header("Link"));

        ExtractableResponse<Response> second = given().queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(200)
                .body("items.reportedOn", contains("2022-03-01"))
                .body("next", nullValue())
                .extract();
        assertNull(second.header("Link"));
    }

    @ParameterizedTest
    @ValueSource(ints = {101, -1, 1000})
    void shouldRejectPercentCompleteOutsideZeroTo100(int percent) {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body(TestData.institution(), "IN_PROGRESS", "Halfway", "2023-01-01");
        body.put("percentComplete", percent);

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("percentComplete"));
        history(reference).body("items", empty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void shouldAcceptPercentCompleteAtTheBounds(int percent) {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body(TestData.institution(), "IN_PROGRESS", "Bound", "2023-01-01");
        body.put("percentComplete", percent);

        post(reference, body).then().statusCode(201).body("percentComplete", is(percent));
    }

    @Test
    void shouldRejectUnknownInstitution() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, body(TestData.unique("no-such-inst"), "PLANNED", "Planned", "2023-01-01")).then(), 400)
                .body("errors.field", contains("institution"));
        history(reference).body("items", empty());
        given().get("/api/v1/recommendations/{reference}", reference).then().statusCode(200)
                .body("latestProgress", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRejectBlankSummary(String summary) {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, body(TestData.institution(), "PLANNED", summary, "2023-01-01")).then(), 400)
                .body("errors.field", contains("summary"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldRejectNulCharacterInSummary() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, body(TestData.institution(), "PLANNED", "Drafted\u0000", "2023-01-01")).then(), 400)
                .body("errors.field", contains("summary"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldRejectReportedOnInTheFuture() {
        String reference = TestData.recommendation(TestData.report());
        String future = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        problem(post(reference, body(TestData.institution(), "PLANNED", "Planned", future)).then(), 400)
                .body("errors.field", contains("reportedOn"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldNameEveryMissingRequiredField() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, new HashMap<>()).then(), 400)
                .body("errors.field", contains("institution", "reportedOn", "stage", "summary"));
    }

    @Test
    void shouldRejectEvidenceThatIsNotAnHttpUrl() {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body(TestData.institution(), "PLANNED", "Planned", "2023-01-01");
        body.put("evidence", List.of("ftp://example.org/minutes.pdf"));

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("evidence[0]"));
    }

    @Test
    void shouldAnswer404ProblemForUnknownRecommendation() {
        String unknown = TestData.unique("NOPE");
        problem(post(unknown, body(TestData.institution(), "PLANNED", "Planned", "2023-01-01")).then(), 404)
                .body("detail", containsString(unknown));
        problem(given().get("/api/v1/recommendations/{reference}/progress-updates", unknown).then(), 404);
    }

    @Test
    void shouldAnswer404ForAProgressUpdateOfAnotherRecommendation() {
        String report = TestData.report();
        String mine = TestData.recommendation(report);
        String other = TestData.recommendation(report);
        long id = post(mine, body(TestData.institution(), "PLANNED", "Planned", "2023-01-01"))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        problem(given().get("/api/v1/recommendations/{reference}/progress-updates/{id}", other, id).then(), 404);
        problem(given().get("/api/v1/recommendations/{reference}/progress-updates/{id}", mine, Long.MAX_VALUE).then(), 404);
    }

    @Test
    void shouldAnswerEmptyHistoryWith200() {
        String reference = TestData.recommendation(TestData.report());
        given().get("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("items", empty())
                .body("next", nullValue());
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> body(String institution, String stage, String summary, String reportedOn) {
        return new HashMap<>(Map.of("institution", institution, "stage", stage, "summary", summary,
                "reportedOn", reportedOn));
    }

    private static Response post(String reference, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/recommendations/{reference}/progress-updates", reference);
    }

    private static ValidatableResponse history(String reference) {
        return given().queryParam("limit", 500).get("/api/v1/recommendations/{reference}/progress-updates", reference)
                .then().statusCode(200);
    }

}
