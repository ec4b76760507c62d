package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;
import org.rectrack.TestKeys;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Every failure, wherever it is raised, reaches the client as the same problem+json shape. */
@QuarkusTest
class ProblemDetailsTest {

    private static final List<String> LEAKS = List.of("Exception", "org.", "java.", "at org", "com.fasterxml");

    @TestHTTPResource("/api/v1/reports")
    URL reportsUrl;

    @Test
    void shouldRejectMalformedJson() {
        Response answer = given().contentType(ContentType.JSON).body("{bad").post("/api/v1/reports");
        assertProblem(answer, 400, "/api/v1/reports");

        String reference = TestData.unique("RPT");
        answer = given().contentType(ContentType.JSON)
                .body("{\"reference\": \"" + reference + "\", \"title\": \"Cut off\", \"issuer\": \"OSCE/ODIHR\", \"country\": \"KZ\"")
                .post("/api/v1/reports");
        assertProblem(answer, 400, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectAnArrayWhereAnObjectIsExpected() {
        String reference = TestData.unique("RPT");
        Response answer = given().contentType(ContentType.JSON)
                .body(List.of(report(reference)))
                .post("/api/v1/reports");

        assertProblem(answer, 400, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @ParameterizedTest(name = "number: {0}")
    @ValueSource(strings = {"\"seven\"", "\"7\"", "1.5", "99999999999", "true", "[1]", "{\"n\": 1}"})
    void shouldNameTheFieldWhenANumberIsNotAWholeNumber(String number) {
        String report = TestData.report();
        String reference = TestData.unique(report + "-R");
        Response answer = given().contentType(ContentType.JSON)
                .body("{\"reference\": \"" + reference + "\", \"report\": \"" + report + "\", \"number\": " + number
                        + ", \"text\": \"The law should change\"}")
                .post("/api/v1/recommendations");

        assertProblem(answer, 400, "/api/v1/recommendations");
        assertEquals(List.of("number"), answer.path("errors.field"));
        assertNotWritten("/api/v1/recommendations/" + reference);
    }

    @Test
    void shouldNameTheFieldWhenAStringIsSentForABoolean() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = report(reference);
        body.put("archived", "false");
        Response answer = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports");

        assertProblem(answer, 400, "/api/v1/reports");
        assertEquals(List.of("archived"), answer.path("errors.field"));
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectAnythingAfterTheJsonValue() {
        String reference = TestData.unique("RPT");
        Response answer = given().contentType(ContentType.JSON)
                .body("{\"reference\": \"" + reference + "\", \"title\": \"t\", \"issuer\": \"i\", \"country\": \"KZ\"} {\"more\": 1}")
                .post("/api/v1/reports");

        assertProblem(answer, 400, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/reports", "/api/v1/institutions", "/api/v1/themes"})
    void shouldNameAFieldThatAppearsTwice(String path) {
        String key = TestData.unique("dup").toLowerCase();
        String field = path.endsWith("reports") ? "reference" : "code";
        String other = path.endsWith("reports") ? "\"title\": \"t\", \"issuer\": \"i\", \"country\": \"KZ\""
                : path.endsWith("themes") ? "\"label\": \"l\"" : "\"name\": \"n\", \"country\": \"KZ\", \"kind\": \"OTHER\"";
        Response answer = given().contentType(ContentType.JSON)
                .body("{\"" + field + "\": \"" + key + "-a\", " + other + ", \"" + field + "\": \"" + key + "-b\"}")
                .post(path);

        assertProblem(answer, 400, path);
        assertEquals(List.of(field), answer.path("errors.field"));
        assertNotWritten(path + "/" + key + "-a");
        assertNotWritten(path + "/" + key + "-b");
    }

    @Test
    void shouldNameTheFieldWhenANumberIsSentForText() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = report(reference);
        body.put("title", 12345);
        Response answer = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports");

        assertProblem(answer, 400, "/api/v1/reports");
        assertEquals(List.of("title"), answer.path("errors.field"));
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldNameTheFieldWhenADateIsNotADate() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = report(reference);
        body.put("electionDate", "next Sunday");
        Response answer = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports");

        assertProblem(answer, 400, "/api/v1/reports");
        assertEquals(List.of("electionDate"), answer.path("errors.field"));
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownRoute() {
        assertProblem(given().get("/api/v1/nope"), 404, "/api/v1/nope");
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/v1/nope"), 404, "/api/v1/nope");
        assertProblem(given().get("/api/v1/reports/a/b"), 404, "/api/v1/reports/a/b");
    }

    @Test
    void shouldAnswerMethodNotAllowed() {
        Response answer = given().delete("/api/v1/reports");
        assertProblem(answer, 405, "/api/v1/reports");
        assertEquals("GET, HEAD, POST", answer.header("Allow"));
        answer = given().contentType(ContentType.JSON).body("{}").put("/api/v1/themes");
        assertProblem(answer, 405, "/api/v1/themes");
        assertEquals("GET, HEAD, POST", answer.header("Allow"));

        String reference = TestData.report();
        answer = given().delete("/api/v1/reports/" + reference);
        assertProblem(answer, 405, "/api/v1/reports/" + reference);
        assertEquals("GET, HEAD, PATCH", answer.header("Allow"));
        answer = given().put("/api/v1/recommendations/X/assessments");
        assertProblem(answer, 405, "/api/v1/recommendations/X/assessments");
        assertEquals("GET, HEAD, POST", answer.header("Allow"));
        given().get("/api/v1/reports/" + reference).then().statusCode(200).body("archived", is(false));
    }

    @Test
    void shouldRejectAnUnsupportedMediaType() {
        String reference = TestData.unique("RPT");
        Response answer = given().contentType(ContentType.TEXT)
                .body("{\"reference\": \"" + reference + "\", \"title\": \"t\", \"issuer\": \"i\", \"country\": \"KZ\"}")
                .post("/api/v1/reports");

        assertProblem(answer, 415, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/*", "not a type"})
    void shouldRejectABodyThatDoesNotNameItsMediaType(String contentType) throws Exception {
        String reference = TestData.unique("RPT");
        String body = "{\"reference\": \"" + reference + "\", \"title\": \"t\", \"issuer\": \"i\", \"country\": \"KZ\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(reportsUrl.toURI())
                .header("Authorization", TestKeys.ADMIN_BEARER).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(415, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertNoLeak(answer.body());
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectAPlainJsonPatch() {
        String reference = TestData.report();
        String etag = given().get("/api/v1/reports/" + reference).then().statusCode(200).extract().header("ETag");

        Response answer = given().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("title", "Not a merge patch"))
                .patch("/api/v1/reports/" + reference);

        assertProblem(answer, 415, "/api/v1/reports/" + reference);
        given().get("/api/v1/reports/" + reference).then().statusCode(200)
                .header("ETag", is(etag)).body("title", not(is("Not a merge patch")));
    }

    @Test
    void shouldAnswerNotAcceptableForXml() {
        assertProblem(given().accept(ContentType.XML).get("/api/v1/reports"), 406, "/api/v1/reports");
        String reference = TestData.report();
        assertProblem(given().accept(ContentType.XML).get("/api/v1/reports/" + reference), 406,
                "/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectABodyOverTheLimitThatDeclaresItsLength() {
        String reference = TestData.unique("RPT");
        byte[] body = paddedReport(reference, 1_200_000);

        Response answer = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports");

        assertProblem(answer, 413, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldAcceptTheSameBodyUnderTheLimit() {
        // the control for the 413 tests: the padding alone is valid JSON, only its size is refused
        String reference = TestData.unique("RPT");
        given().contentType(ContentType.JSON).body(paddedReport(reference, 900_000))
                .post("/api/v1/reports").then().statusCode(201);
    }

    @Test
    void shouldRejectABodyOverTheLimitWithinAField() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = report(reference);
        body.put("title", "t".repeat(1_200_000));

        assertProblem(given().contentType(ContentType.JSON).body(body).post("/api/v1/reports"), 413, "/api/v1/reports");
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectAChunkedBodyOverTheLimit() throws Exception {
        String reference = TestData.unique("RPT");

        assertChunkedTooLarge(paddedReport(reference, 1_200_000));
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldRejectAChunkedBodyOverTheLimitWithinAField() throws Exception {
        String reference = TestData.unique("RPT");
        String json = "{\"reference\": \"" + reference + "\", \"title\": \"" + "t".repeat(1_200_000)
                + "\", \"issuer\": \"OSCE/ODIHR\", \"country\": \"KZ\"}";

        assertChunkedTooLarge(json.getBytes(StandardCharsets.UTF_8));
        assertNotWritten("/api/v1/reports/" + reference);
    }

    @Test
    void shouldAcceptAChunkedBodyUnderTheLimit() throws Exception {
        String reference = TestData.unique("RPT");

        assertEquals(201, postChunked(paddedReport(reference, 900_000)).statusCode());
        given().get("/api/v1/reports/" + reference).then().statusCode(200);
    }

    @Test
    void shouldRejectAnEmptyBody() {
        assertProblem(given().contentType(ContentType.JSON).post("/api/v1/reports"), 400, "/api/v1/reports");
        assertProblem(given().contentType(ContentType.JSON).body("").post("/api/v1/institutions"), 400,
                "/api/v1/institutions");
        assertProblem(given().contentType(ContentType.JSON).body("null").post("/api/v1/themes"), 400, "/api/v1/themes");
    }

    @Test
    void shouldRejectAnEmptyPatch() {
        String reference = TestData.report();
        String etag = given().get("/api/v1/reports/" + reference).then().statusCode(200).extract().header("ETag");

        Response answer = given().contentType("application/merge-patch+json").header("If-Match", etag)
                .patch("/api/v1/reports/" + reference);

        assertProblem(answer, 400, "/api/v1/reports/" + reference);
        given().get("/api/v1/reports/" + reference).then().statusCode(200).header("ETag", is(etag));
    }

    @Test
    void shouldNameTheUnknownItem() {
        String reference = TestData.unique("RPT");
        Response answer = given().get("/api/v1/reports/" + reference);
        assertProblem(answer, 404, "/api/v1/reports/" + reference);
        assertTrue(answer.<String>path("detail").contains(reference), answer.asString());

        String code = TestData.unique("no-such").toLowerCase();
        for (String path : List.of("/api/v1/institutions/" + code, "/api/v1/themes/" + code,
                "/api/v1/recommendations/" + code)) {
            answer = given().get(path);
            assertProblem(answer, 404, path);
            assertTrue(answer.<String>path("detail").contains(code), answer.asString());
        }
    }

    @Test
    void shouldAnswerConflictAndPreconditionFailuresAsProblems() {
        String reference = TestData.report();
        String path = "/api/v1/reports/" + reference;
        assertProblem(given().contentType(ContentType.JSON).body(report(reference)).post("/api/v1/reports"), 409,
                "/api/v1/reports");
        assertProblem(given().contentType("application/merge-patch+json").body(Map.of("title", "x")).patch(path), 428, path);
        assertProblem(given().contentType("application/merge-patch+json").header("If-Match", "\"999\"")
                .body(Map.of("title", "x")).patch(path), 412, path);
        given().get(path).then().statusCode(200).body("version", is(0)).body("title", not(is("x")));
    }

    @Test
    void shouldKeepTheEncodedPathAsTheInstance() {
        Response answer = given().get("/api/v1/reports/{reference}", "no such report");
        assertProblem(answer, 404, "/api/v1/reports/no%20such%20report");
    }

    /** The answer is a problem of this status about this request, and tells nothing about our code. */
    private static void assertProblem(Response answer, int status, String instance) {
        String body = answer.asString();
        assertEquals(status, answer.statusCode(), body);
        String type = answer.contentType();
        assertTrue(type != null && type.startsWith("application/problem+json"), "Content-Type was " + type + ": " + body);
        answer.then()
                .body("status", is(status))
                .body("instance", is(instance))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors", notNullValue());
        assertNoLeak(body);
    }

    /** Sends the body without a Content-Length, as a client streaming it would. */
    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(reportsUrl.toURI())
                .header("Content-Type", "application/json").header("Authorization", TestKeys.ADMIN_BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertChunkedTooLarge(byte[] body) throws Exception {
        HttpResponse<String> answer = postChunked(body);

        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "413 for a body without Content-Length: " + answer.headers().map());
        JsonPath problem = JsonPath.from(answer.body());
        assertEquals(413, problem.getInt("status"));
        assertEquals("/api/v1/reports", problem.getString("instance"));
        assertNoLeak(answer.body());
    }

    private static void assertNoLeak(String body) {
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), "the body gives away '" + leak + "': " + body);
        }
    }

    private static void assertNotWritten(String path) {
        given().get(path).then().statusCode(404).body("detail", containsString(path.substring(path.lastIndexOf('/') + 1)));
    }

    private static Map<String, Object> report(String reference) {
        return new java.util.HashMap<>(Map.of("reference", reference, "title", "Final report " + reference,
                "issuer", "OSCE/ODIHR", "country", "KZ"));
    }

    /** A valid report whose JSON is padded with whitespace to about {@code size} bytes. */
    private static byte[] paddedReport(String reference, int size) {
        String json = "{\"reference\": \"" + reference + "\", \"title\": \"Final report\", \"issuer\": \"OSCE/ODIHR\","
                + " \"country\": \"KZ\"" + " ".repeat(size) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
