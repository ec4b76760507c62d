package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;
import org.rectrack.TestKeys;
import org.rectrack.contract.RawHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Loose input is refused, never reinterpreted: URLs and headers below JAX-RS, dates in bodies, query
 * parameters and CSV cells, empty strings, unpaired surrogates. Each answer is problem+json naming the
 * field, and each is followed by a read that shows nothing changed.
 */
@QuarkusTest
class StrictInputTest {

    // --- below JAX-RS: raw HTTP, since REST Assured would encode or refuse these requests itself

    @Test
    void shouldAnswerAnOverLongUrlWith414Problem() {
        String reference = TestData.unique("RPT");
        Raw answer = Raw.send("POST /api/v1/reports?pad=" + "a".repeat(4100), Map.of("Content-Type", "application/json"),
                reportJson(reference, "2021-01-10"));
        answer.assertProblem(414, "urn:rectrack:problem:uri-too-long");
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    @Test
    void shouldAnswerOverLargeHeadersWith431Problem() {
        String reference = TestData.unique("RPT");
        Raw answer = Raw.send("POST /api/v1/reports",
                Map.of("Content-Type", "application/json", "X-Padding", "a".repeat(17_000)), reportJson(reference, "2021-01-10"));
        answer.assertProblem(431, "urn:rectrack:problem:headers-too-large");
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    @ParameterizedTest(name = "q={0}")
    @ValueSource(strings = {"%ED%A0%80", "%FF", "a%C3", "%E9t%E9"})
    void shouldNameAQueryParameterThatIsNotUtf8(String q) {
        Raw answer = Raw.send("GET /api/v1/recommendations?q=" + q, Map.of(), null);
        answer.assertProblem(400, "urn:rectrack:problem:validation");
        assertEquals(List.of("q"), answer.json().getList("errors.field"));
    }

    @Test
    void shouldRefuseAUrlThatIsNotAscii() {
        Raw answer = Raw.send("GET /api/v1/recommendations?q=\u00c3\u00a9", Map.of(), null);
        answer.assertProblem(400, "urn:rectrack:problem:validation");
        assertEquals(List.of("q"), answer.json().getList("errors.field"));
    }

    @Test
    void shouldNameThePathWhenItHoldsALoneSurrogate() {
        String report = TestData.report();
        String before = given().get("/api/v1/reports/{ref}", report).then().extract().header("ETag");
        Raw answer = Raw.send("PATCH /api/v1/reports/" + report + "%ED%A0%80",
                Map.of("Content-Type", MergePatch.MEDIA_TYPE, "If-Match", before), "{\"title\": \"Changed\"}");
        answer.assertProblem(400, "urn:rectrack:problem:validation");
        assertEquals(List.of("path"), answer.json().getList("errors.field"));
        given().get("/api/v1/reports/{ref}", report).then().header("ETag", before);
    }

    @Test
    void shouldAnswerARequestWithoutHostAsProblem() {
        Raw answer = Raw.sendExactly("GET /api/v1/reports HTTP/1.1\r\nConnection: close\r\n\r\n");
        answer.assertProblem(400, "urn:rectrack:problem:bad-request");
    }

    @Test
    void shouldNameANonAsciiIdempotencyKeyAndCreateNothing() {
        String reference = TestData.unique("RPT");
        Raw answer = Raw.send("POST /api/v1/reports", Map.of("Content-Type", "application/json", "Idempotency-Key", "key-\u00e9"),
                reportJson(reference, "2021-01-10"));
        answer.assertProblem(400, "urn:rectrack:problem:validation");
        assertEquals(List.of("Idempotency-Key"), answer.json().getList("errors.field"));
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    // Below the router, out of the application's reach (see HttpLayer): these pin today's bare answers,
    // so that a Quarkus or Vert.x upgrade that changes them is noticed, and show that nothing changes.

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%ZZ", "a|b", "?limit=%ZZ"})
    void shouldRefuseAUriJavaCannotParseBeforeTheRouter(String suffix) {
        String report = TestData.report();
        String before = given().get("/api/v1/reports/{ref}", report).then().extract().header("ETag");
        Raw answer = Raw.send("PATCH /api/v1/reports/" + report + suffix, Map.of("Content-Type", MergePatch.MEDIA_TYPE, "If-Match", before),
                "{\"title\": \"Changed\"}");
        answer.assertBare(400);
        given().get("/api/v1/reports/{ref}", report).then().header("ETag", before);
    }

    @Test
    void shouldRefuseAControlCharacterInAHeaderBeforeTheRouter() {
        String reference = TestData.unique("RPT");
        Raw answer = Raw.send("POST /api/v1/reports", Map.of("Content-Type", "application/json", "Idempotency-Key", "key\u0001"),
                reportJson(reference, "2021-01-10"));
        answer.assertBare(400);
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    // --- dates: one rule for bodies, parameters and CSV cells

    @ParameterizedTest(name = "electionDate: {0}")
    @ValueSource(strings = {"-2024-01-01", "+10000-01-01", "0000-01-01", "1899-12-31", "3000-01-01", "2024-02-30",
            "2024-1-1", "2024-01-01T00:00:00Z", "2024-01-01 ", "20240101", ""})
    void shouldRefuseADateOutsideTheContract(String date) {
        String reference = TestData.unique("RPT");
        given().contentType(ContentType.JSON).body(reportJson(reference, date)).post("/api/v1/reports")
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors.field", equalTo(List.of("electionDate")))
                .body("errors[0].message", equalTo(Dates.MESSAGE));
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    @Test
    void shouldRefuseADateSentAsAnArrayOrNumber() {
        for (String date : List.of("[2024, 1, 1]", "20240101")) {
            String reference = TestData.unique("RPT");
            given().contentType(ContentType.JSON)
                    .body("{\"reference\": \"" + reference + "\", \"title\": \"t\", \"issuer\": \"OSCE/ODIHR\", \"country\": \"KZ\","
                            + " \"electionDate\": " + date + "}")
                    .post("/api/v1/reports").then().statusCode(400).body("errors.field", equalTo(List.of("electionDate")));
            given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
        }
    }

    @Test
    void shouldKeepTheEdgesOfTheYearRange() {
        for (String date : List.of("1900-01-01", "2999-12-31")) {
            String reference = TestData.unique("RPT");
            given().contentType(ContentType.JSON).body(reportJson(reference, date)).post("/api/v1/reports")
                    .then().statusCode(201).body("electionDate", equalTo(date));
        }
    }

    @Test
    void shouldNotTruncateATimestampSentAsAnAssessmentDate() {
        String recommendation = TestData.recommendation(TestData.report());
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-01-01T00:00:00Z"))
                .post("/api/v1/recommendations/{ref}/assessments", recommendation)
                .then().statusCode(400).body("errors.field", equalTo(List.of("assessedOn")));
        given().get("/api/v1/recommendations/{ref}/assessments", recommendation).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"updatedSince=+10000-01-01T00:00:00Z", "updatedSince=0000-01-01", "updatedSince=2024-01-01T00:00:00",
            "updatedSince=2024-01-01T00:00:00%2B02:00", "updatedSince=3000-01-01T00:00:00Z", "updatedSince=2024-02-30T00:00:00Z"})
    void shouldRefuseATimestampOutsideTheContract(String query) {
        given().urlEncodingEnabled(false).get("/api/v1/recommendations?" + query)
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors.field", equalTo(List.of("updatedSince")));
    }

    @Test
    void shouldTakeATimestampOrADateForUpdatedSince() {
        given().get("/api/v1/recommendations?updatedSince=2024-01-01T10:00:00.5Z").then().statusCode(200);
        given().get("/api/v1/recommendations?updatedSince=2024-01-01").then().statusCode(200);
    }

    @ParameterizedTest(name = "asOf={0}")
    @ValueSource(strings = {"-2024-01-01", "0000-01-01", "2024-01-01T00:00:00Z", "+10000-01-01"})
    void shouldRefuseAStatisticsDayOutsideTheContract(String asOf) {
        given().queryParam("asOf", asOf).get("/api/v1/stats")
                .then().statusCode(400).body("errors.field", equalTo(List.of("asOf")));
    }

    @Test
    void shouldNameCsvCellsWithALooseDateOrNumber() {
        String report = TestData.report();
        String reference = TestData.unique(report + "-R");
        given().contentType("text/csv; charset=UTF-8")
                .body("reference,report,number,text,targetDate\n"
                        + reference + "," + report + ",+5,Text one,2026-01-01\n"
                        + reference + "-2," + report + ",6,Text two,0000-01-01\n")
                .post("/api/v1/imports")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("line 2, column number", "line 3, column targetDate")));
        given().get("/api/v1/recommendations/{ref}", reference).then().statusCode(404);
        given().get("/api/v1/recommendations/{ref}", reference + "-2").then().statusCode(404);
    }

    // --- empty strings: only null clears

    @Test
    void shouldRefuseAnEmptyStringForADateInAPatch() {
        String recommendation = TestData.recommendation(TestData.report(), Map.of("targetDate", "2027-12-31"));
        String etag = given().get("/api/v1/recommendations/{ref}", recommendation).then().extract().header("ETag");
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", etag).body("{\"targetDate\": \"\"}")
                .patch("/api/v1/recommendations/{ref}", recommendation)
                .then().statusCode(400).body("errors.field", equalTo(List.of("targetDate")));
        given().get("/api/v1/recommendations/{ref}", recommendation).then()
                .header("ETag", etag).body("targetDate", equalTo("2027-12-31"));

        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", etag).body("{\"targetDate\": null}")
                .patch("/api/v1/recommendations/{ref}", recommendation)
                .then().statusCode(200).body("targetDate", equalTo(null));
    }

    @ParameterizedTest(name = "{0}: \"\"")
    @ValueSource(strings = {"number", "priority", "response", "themes", "targetDate"})
    void shouldRefuseAnEmptyStringForAnyTypeButText(String field) {
        String report = TestData.report();
        String reference = TestData.unique(report + "-R");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("reference", reference, "report", report, "number", 1,
                "text", "The law should change"));
        body.put(field, "");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/recommendations")
                .then().statusCode(400).body("errors.field", equalTo(List.of(field)));
        given().get("/api/v1/recommendations/{ref}", reference).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnEmptyStringForAPercentage() {
        String recommendation = TestData.recommendation(TestData.report());
        given().contentType(ContentType.JSON)
                .body("{\"institution\": \"" + TestData.institution() + "\", \"stage\": \"PLANNED\", \"percentComplete\": \"\","
                        + " \"reportedOn\": \"2024-01-01\"}")
                .post("/api/v1/recommendations/{ref}/progress-updates", recommendation)
                .then().statusCode(400).body("errors.field", equalTo(List.of("percentComplete")));
        given().get("/api/v1/recommendations/{ref}/progress-updates", recommendation).then().body("items.size()", equalTo(0));
    }

    // --- unpaired surrogates

    @ParameterizedTest(name = "title: {0}")
    @ValueSource(strings = {"a\\ud800b", "\\udc00", "end\\ud83d"})
    void shouldNameAFieldWithALoneSurrogate(String escaped) {
        String reference = TestData.unique("RPT");
        given().contentType(ContentType.JSON)
                .body("{\"reference\": \"" + reference + "\", \"title\": \"" + escaped + "\", \"issuer\": \"OSCE/ODIHR\", \"country\": \"KZ\"}")
                .post("/api/v1/reports")
                .then().statusCode(400).body("errors.field", equalTo(List.of("title")));
        given().get("/api/v1/reports/{ref}", reference).then().statusCode(404);
    }

    @Test
    void shouldKeepAPairedSurrogate() {
        String reference = TestData.unique("RPT");
        given().contentType(ContentType.JSON)
                .body("{\"reference\": \"" + reference + "\", \"title\": \"Vote \\ud83d\\uddf3\", \"issuer\": \"OSCE/ODIHR\", \"country\": \"KZ\"}")
                .post("/api/v1/reports").then().statusCode(201).body("title", equalTo("Vote \uD83D\uDDF3"));
    }

    // --- loose query parameters

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=%20FULLY_IMPLEMENTED", "status=fully_implemented", "priority=TRUE", "priority=%20true",
            "limit=%2B5", "country=kz", "response=supported"})
    void shouldRefuseLooseQueryValues(String query) {
        given().urlEncodingEnabled(false).get("/api/v1/recommendations?" + query)
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors.field", equalTo(List.of(query.substring(0, query.indexOf('=')))));
    }

    private static String reportJson(String reference, String electionDate) {
        return "{\"reference\": \"" + reference + "\", \"title\": \"Final report\", \"issuer\": \"OSCE/ODIHR\","
                + " \"country\": \"KZ\", \"electionDate\": \"" + electionDate + "\"}";
    }

    /** One request written byte for byte on a socket ({@link RawHttp}), with the assertions these tests make. */
    private record Raw(RawHttp.Reply reply) {

        static Raw send(String requestLine, Map<String, String> headers, String body) {
            int space = requestLine.indexOf(' ');
            List<String[]> lines = new java.util.ArrayList<>(
                    headers.entrySet().stream().map(h -> new String[] {h.getKey(), h.getValue()}).toList());
            lines.add(new String[] {"Authorization", TestKeys.ADMIN_BEARER});
            return new Raw(RawHttp.send(RestAssured.port, requestLine.substring(0, space), requestLine.substring(space + 1),
                    lines, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
        }

        static Raw sendExactly(String request) {
            return new Raw(RawHttp.sendExactly(RestAssured.port, request));
        }

        JsonPath json() {
            return JsonPath.from(reply.body());
        }

        /** The answer Vert.x or Quarkus gives below the router: a status and nothing else. */
        void assertBare(int expectedStatus) {
            assertEquals(expectedStatus, reply.status(), reply.body());
            assertEquals("", reply.body());
            assertFalse(reply.headers().containsKey("content-type"), reply.headers().toString());
        }

        void assertProblem(int expectedStatus, String type) {
            assertEquals(expectedStatus, reply.status(), reply.body());
            assertTrue(String.valueOf(reply.header("Content-Type")).startsWith(Problem.MEDIA_TYPE), reply.headers().toString());
            JsonPath problem = json();
            assertEquals(expectedStatus, problem.getInt("status"));
            assertEquals(type, problem.getString("type"));
            assertFalse(problem.getString("detail").isBlank());
            for (String leak : List.of("Exception", "java.", "io.vertx", "org.")) {
                assertFalse(reply.body().contains(leak), "leaks " + leak + ": " + reply.body());
            }
        }
    }
}
