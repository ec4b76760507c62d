package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rectrack.TestData.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** A recommendation's assessment history: append, read back, list oldest first, reject bad ratings. */
@QuarkusTest
class AssessmentResourceTest {


    @Test
    void shouldAnswerTheCreatedEntryWithTheETagItsReadGives() {
        String reference = TestData.recommendation(TestData.report());
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"))
                .post("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(201).header("ETag", notNullValue()).extract();
        String etag = created.header("ETag");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", equalTo(etag));
        given().header("If-None-Match", etag).get(created.header("Location")).then().statusCode(304);

        String key = TestData.unique("key");
        Map<String, Object> body = Map.of("status", "MOSTLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-07-01");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(201).extract().header("ETag");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(201).header("Idempotency-Replayed", "true").header("ETag", equalTo(first));
    }

    @Test
    void shouldRecordAssessmentWithLocationThatReadsTheSameItem() {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = Map.of("status", "PARTIALLY_IMPLEMENTED", "rawStatus", "Partially implemented",
                "assessorType", "ISSUER", "assessorName", "OSCE/ODIHR", "assessedOn", "2023-06-20",
                "source", "Final report on the 2023 elections", "rationale", "Some amendments were adopted",
                "evidence", List.of("https://example.org/report.pdf", "http://example.org/law"));

        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", startsWith("http"))
                .body("id", notNullValue())
                .body("recommendation", is(reference))
                .body("status", is("PARTIALLY_IMPLEMENTED"))
                .body("rawStatus", is("Partially implemented"))
                .body("assessorType", is("ISSUER"))
                .body("assessorName", is("OSCE/ODIHR"))
                .body("assessedOn", is("2023-06-20"))
                .body("source", is("Final report on the 2023 elections"))
                .body("rationale", is("Some amendments were adopted"))
                .body("evidence", contains("https://example.org/report.pdf", "http://example.org/law"))
                .extract();
        long id = created.jsonPath().getLong("id");
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/v1/recommendations/" + reference + "/assessments/" + id), location);

        given().get(location).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(created.path("id")))
                .body("recommendation", is(reference))
                .body("status", is("PARTIALLY_IMPLEMENTED"))
                .body("assessedOn", is("2023-06-20"))
                .body("evidence", contains("https://example.org/report.pdf", "http://example.org/law"))
                .body("recordedAt", is(created.<String>path("recordedAt")))
                .body("recordedBy", is(created.<String>path("recordedBy")));
        given().get("/api/v1/recommendations/{reference}/assessments/{id}", reference, id)
                .then().statusCode(200).body("rationale", is("Some amendments were adopted"));
    }

    @Test
    void shouldAnswerMinimalAssessmentWithEmptyEvidence() {
        String reference = TestData.recommendation(TestData.report());
        post(reference, body("NOT_IMPLEMENTED", "CIVIL_SOCIETY", "2023-01-01"))
                .then().statusCode(201)
                .body("evidence", empty())
                .body("rawStatus", nullValue());
    }

    @Test
    void shouldSetRecordedAtAndRecordedByOnTheServer() {
        String reference = TestData.recommendation(TestData.report());
        Instant before = Instant.now().minusSeconds(1);

        ExtractableResponse<Response> created = post(reference, body("MOSTLY_IMPLEMENTED", "ISSUER", "2020-02-02"))
                .then().statusCode(201)
                .body("recordedAt", notNullValue())
                .body("recordedBy", notNullValue())
                .body("version", is(1))
                .extract();

        Instant recordedAt = Instant.parse(created.path("recordedAt"));
        assertFalse(recordedAt.isBefore(before), "recorded now, not on the assessment's date: " + recordedAt);
        assertFalse(recordedAt.isAfter(Instant.now().plusSeconds(1)), "recorded now: " + recordedAt);
        assertFalse(created.<String>path("recordedBy").isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"recordedBy", "recordedAt", "id", "version", "recommendation"})
    void shouldRejectServerOwnedFieldsFromTheClient(String field) {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body("FULLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.put(field, field.equals("id") || field.equals("version") ? 42 : field.equals("recordedAt") ? "2023-01-01T00:00:00Z" : "mallory");

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains(field));

        history(reference).body("items", empty());
        given().get("/api/v1/recommendations/{reference}", reference).then().statusCode(200)
                .body("status", is("NOT_ASSESSED"));
    }

    @Test
    void shouldListHistoryOldestFirstByAssessedOn() {
        String reference = TestData.recommendation(TestData.report());
        post(reference, body("MOSTLY_IMPLEMENTED", "ISSUER", "2023-03-01")).then().statusCode(201);
        post(reference, body("NOT_IMPLEMENTED", "ISSUER", "2021-03-01")).then().statusCode(201);
        post(reference, body("FULLY_IMPLEMENTED", "GOVERNMENT", "2024-03-01")).then().statusCode(201);
        post(reference, body("PARTIALLY_IMPLEMENTED", "ISSUER", "2022-03-01")).then().statusCode(201);

        history(reference)
                .body("items.assessedOn", contains("2021-03-01", "2022-03-01", "2023-03-01", "2024-03-01"))
                .body("items.status", contains("NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED",
                        "FULLY_IMPLEMENTED"))
                .body("items.recommendation", everyItemIs(reference, 4))
                .body("next", nullValue());
    }

    @Test
    void shouldOrderSameDayAssessmentsByWhenTheyWereRecorded() {
        String reference = TestData.recommendation(TestData.report());
        post(reference, body("NOT_IMPLEMENTED", "ISSUER", "2023-03-01")).then().statusCode(201);
        post(reference, body("PARTIALLY_IMPLEMENTED", "ISSUER", "2023-03-01")).then().statusCode(201);

        history(reference).body("items.status", contains("NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED"));
        // the later recording of the same day is the current status
        given().get("/api/v1/recommendations/{reference}", reference).then().statusCode(200)
                .body("status", is("PARTIALLY_IMPLEMENTED"));
    }

    @Test
    void shouldPageThroughHistoryWithLimit() {
        String reference = TestData.recommendation(TestData.report());
        List<String> dates = List.of("2021-05-01", "2019-05-01", "2023-05-01", "2020-05-01", "2022-05-01");
        for (String date : dates) {
            post(reference, body("PARTIALLY_IMPLEMENTED", "ISSUER", date)).then().statusCode(201);
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/recommendations/{reference}/assessments", reference)
                    .then().statusCode(200).extract();
            List<String> items = page.jsonPath().getList("items.assessedOn");
            seen.addAll(items);
            sizes.add(items.size());
            cursor = page.jsonPath().getString("next");
            if (cursor == null) {
                assertNull(page.header("Link"));
            } else {
                assertNotNull(page.header("Link"));
                assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
                assertTrue(page.header("Link").endsWith("; rel=\"next\""), page.header("Link"));
            }
        } while (cursor != null && sizes.size() < 10);

        assertEquals(List.of("2019-05-01", "2020-05-01", "2021-05-01", "2022-05-01", "2023-05-01"), seen);
        assertEquals(List.of(2, 2, 1), sizes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "abc"})
    void shouldRejectHistoryLimitOutsideOneTo500(String limit) {
        String reference = TestData.recommendation(TestData.report());
        problem(given().queryParam("limit", limit).get("/api/v1/recommendations/{reference}/assessments", reference)
                .then(), 400)
                .body("errors.field", contains("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"forged", "YzEKaGlzdG9yeQoxCm5vdC1hLWRhdGU", "YzEKcmVmZXJlbmNlCjEKWA"})
    void shouldRejectForgedHistoryCursor(String cursor) {
        // base64 of "c1\nhistory\n1\nnot-a-date" and "c1\nreference\n1\nX" (a cursor of another list)
        String reference = TestData.recommendation(TestData.report());
        problem(given().queryParam("cursor", cursor).get("/api/v1/recommendations/{reference}/assessments", reference)
                .then(), 400)
                .body("errors.field", contains("cursor"));
    }

    @Test
    void shouldRejectNotAssessedStatus() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, body("NOT_ASSESSED", "ISSUER", "2023-01-01")).then(), 400)
                .body("errors.field", contains("status"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldRejectUnknownStatus() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, body("DONE", "ISSUER", "2023-01-01")).then(), 400)
                .body("errors.field", contains("status"));
    }

    @Test
    void shouldRejectAssessedOnInTheFuture() {
        String reference = TestData.recommendation(TestData.report());
        String future = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();

        problem(post(reference, body("FULLY_IMPLEMENTED", "ISSUER", future)).then(), 400)
                .body("errors.field", contains("assessedOn"));

        history(reference).body("items", empty());
        given().get("/api/v1/recommendations/{reference}", reference).then().statusCode(200)
                .body("status", is("NOT_ASSESSED"));
    }

    @Test
    void shouldRequireAssessorType() {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body("FULLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.remove("assessorType");

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("assessorType"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldNameEveryMissingRequiredField() {
        String reference = TestData.recommendation(TestData.report());
        problem(post(reference, new HashMap<>()).then(), 400)
                .body("errors.field", contains("assessedOn", "assessorType", "status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://example.org/report.pdf", "example.org/report.pdf", "https://"})
    void shouldRejectEvidenceThatIsNotAnHttpUrl(String url) {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body("PARTIALLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.put("evidence", List.of(url, "https://example.org/fine"));

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("evidence[0]"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldNameThePositionOfTheBadEvidenceUrl() {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body("PARTIALLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.put("evidence", List.of("https://example.org/fine", "ftp://example.org/bad"));

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("evidence[1]"));
    }

    @Test
    void shouldRejectMoreThanFiveEvidenceUrls() {
        String reference = TestData.recommendation(TestData.report());
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            urls.add("https://example.org/evidence/" + i);
        }
        Map<String, Object> body = body("PARTIALLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.put("evidence", urls);

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("evidence"));
        history(reference).body("items", empty());

        body.put("evidence", urls.subList(0, 5));
        post(reference, body).then().statusCode(201).body("evidence", hasSize(5));
    }

    @Test
    void shouldRejectNulCharacterInText() {
        String reference = TestData.recommendation(TestData.report());
        Map<String, Object> body = body("PARTIALLY_IMPLEMENTED", "ISSUER", "2023-01-01");
        body.put("rationale", "Copied from a PDF\u0000");

        problem(post(reference, body).then(), 400)
                .body("errors.field", contains("rationale"));
        history(reference).body("items", empty());
    }

    @Test
    void shouldAnswer404ProblemForUnknownRecommendation() {
        String unknown = TestData.unique("NOPE");
        problem(post(unknown, body("FULLY_IMPLEMENTED", "ISSUER", "2023-01-01")).then(), 404)
                .body("detail", containsString(unknown));
        problem(given().get("/api/v1/recommendations/{reference}/assessments", unknown).then(), 404);
        given().get("/api/v1/recommendations/{reference}", unknown).then().statusCode(404);
    }

    @Test
    void shouldAnswer404ForAnAssessmentOfAnotherRecommendation() {
        String report = TestData.report();
        String mine = TestData.recommendation(report);
        String other = TestData.recommendation(report);
        long id = post(mine, body("FULLY_IMPLEMENTED", "ISSUER", "2023-01-01"))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        given().get("/api/v1/recommendations/{reference}/assessments/{id}", mine, id).then().statusCode(200);
        problem(given().get("/api/v1/recommendations/{reference}/assessments/{id}", other, id).then(), 404);
        problem(given().get("/api/v1/recommendations/{reference}/assessments/{id}", mine, Long.MAX_VALUE).then(), 404);
    }

    @Test
    void shouldAnswerEmptyHistoryWith200() {
        String reference = TestData.recommendation(TestData.report());
        given().get("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("items", empty())
                .body("next", nullValue())
                .header("Link", nullValue());
    }

    @Test
    void shouldRejectMalformedJson() {
        String reference = TestData.recommendation(TestData.report());
        problem(given().contentType(ContentType.JSON).body("{\"status\": ")
                .post("/api/v1/recommendations/{reference}/assessments", reference).then(), 400);
        history(reference).body("items", empty());
    }

    @Test
    void shouldReturnItsLatestIssuerAssessmentOnTheRecommendation() {
        String reference = TestData.recommendation(TestData.report());
        long id = post(reference, body("MOSTLY_IMPLEMENTED", "ISSUER", "2023-01-01"))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        ExtractableResponse<Response> recommendation = given().get("/api/v1/recommendations/{reference}", reference)
                .then().statusCode(200)
                .body("status", is("MOSTLY_IMPLEMENTED"))
                .body("statusAssessedOn", is("2023-01-01"))
                .extract();
        assertEquals(List.of(id), recommendation.jsonPath().getList("latestAssessments.id", Long.class));
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> body(String status, String assessorType, String assessedOn) {
        return new HashMap<>(Map.of("status", status, "assessorType", assessorType, "assessedOn", assessedOn));
    }

    private static Response post(String reference, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/recommendations/{reference}/assessments", reference);
    }

    private static ValidatableResponse history(String reference) {
        return given().queryParam("limit", 500).get("/api/v1/recommendations/{reference}/assessments", reference)
                .then().statusCode(200);
    }


    private static Matcher<Iterable<? extends String>> everyItemIs(String value, int count) {
        return contains(Collections.nCopies(count, equalTo(value)));
    }
}
