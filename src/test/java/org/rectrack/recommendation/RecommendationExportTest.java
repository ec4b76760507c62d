package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** GET /api/v1/recommendations as CSV and NDJSON: every matching row, unpaged, in the columns imports read. */
@QuarkusTest
class RecommendationExportTest {

    private static final List<String> COLUMNS = List.of("reference", "report", "number", "text", "priority", "themes",
            "addressees", "targetDate", "response", "repeats", "archived", "status", "statusAssessedOn", "overdue",
            "version", "updatedAt");

    private static ExtractableResponse<Response> exportCsv(Map<String, ?> query) {
        return given().accept("text/csv").queryParams(query).get("/api/v1/recommendations").then()
                .statusCode(200)
                .contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"recommendations.csv\"")
                .extract();
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(COLUMNS, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    @Test
    void shouldExportExactlyTheRowsOfTheFilteredReport() throws IOException {
        String report = TestData.report();
        String other = TestData.report();
        String institution = TestData.institution();
        List<String> mine = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            mine.add(TestData.recommendation(report, Map.of("number", i, "addressees", List.of(institution),
                    "themes", List.of("media", "legal-framework"), "targetDate", "2020-01-31")));
        }
        TestData.recommendation(other);
        TestData.assessment(mine.get(0), "ISSUER", "PARTIALLY_IMPLEMENTED", "2023-06-20");

        List<CSVRecord> rows = records(exportCsv(Map.of("report", report)).asString());

        assertEquals(mine.stream().sorted().toList(), rows.stream().map(r -> r.get("reference")).toList());
        CSVRecord first = rows.stream().filter(r -> r.get("reference").equals(mine.get(0))).findFirst().orElseThrow();
        assertEquals(report, first.get("report"));
        assertEquals("legal-framework;media", first.get("themes"));
        assertEquals(institution, first.get("addressees"));
        assertEquals("2020-01-31", first.get("targetDate"));
        assertEquals("NO_RESPONSE", first.get("response"));
        assertEquals("", first.get("repeats"));
        assertEquals("false", first.get("archived"));
        assertEquals("PARTIALLY_IMPLEMENTED", first.get("status"));
        assertEquals("2023-06-20", first.get("statusAssessedOn"));
        assertEquals("true", first.get("overdue"));
        JsonPath stored = given().get("/api/v1/recommendations/{r}", mine.get(0)).then().extract().jsonPath();
        assertEquals(stored.getString("version"), first.get("version"));
        assertEquals(stored.getString("updatedAt"), first.get("updatedAt"));
    }

    @Test
    void shouldApplyTheListFiltersAndSort() throws IOException {
        String report = TestData.report();
        for (int i = 1; i <= 4; i++) {
            TestData.recommendation(report, Map.of("number", i, "priority", i % 2 == 0));
        }
        List<CSVRecord> rows = records(exportCsv(Map.of("report", report, "priority", "true", "sort", "-number")).asString());
        assertEquals(List.of("4", "2"), rows.stream().map(r -> r.get("number")).toList());

        given().accept("text/csv").queryParam("sort", "colour").get("/api/v1/recommendations").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("sort"));
    }

    @Test
    void shouldStreamMoreRowsThanOneChunkInOrder() throws IOException {
        String report = TestData.report();
        int count = RecommendationExport.CHUNK * 2 + 7;
        StringBuilder csv = new StringBuilder("reference,report,number,text\n");
        for (int i = 1; i <= count; i++) {
            csv.append(String.format("%s-%04d,%s,%d,Recommendation %d%n", report, i, report, i, i));
        }
        given().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/api/v1/imports").then()
                .statusCode(200).body("summary.created", equalTo(count));

        List<CSVRecord> rows = records(exportCsv(Map.of("report", report)).asString());
        assertEquals(IntStream.rangeClosed(1, count).mapToObj(i -> String.format("%s-%04d", report, i)).toList(),
                rows.stream().map(r -> r.get("reference")).toList());

        List<String> numbers = records(exportCsv(Map.of("report", report, "sort", "-number")).asString()).stream()
                .map(r -> r.get("number")).toList();
        assertEquals(IntStream.iterate(count, i -> i - 1).limit(count).mapToObj(Integer::toString).toList(), numbers);
    }

    @Test
    void shouldAnswerAnUnchangedExportWith304() {
        String report = TestData.report();
        TestData.recommendation(report);
        String tag = exportCsv(Map.of("report", report)).header("ETag");
        given().accept("text/csv").header("If-None-Match", tag).queryParam("report", report)
                .get("/api/v1/recommendations").then().statusCode(304);
        TestData.recommendation(report);
        given().accept("text/csv").header("If-None-Match", tag).queryParam("report", report)
                .get("/api/v1/recommendations").then().statusCode(200);
    }

    @Test
    void shouldExportNdjsonAsTheItemsOfTheJsonList() {
        String report = TestData.report();
        TestData.recommendation(report, Map.of("number", 1));
        TestData.recommendation(report, Map.of("number", 2, "text", "Second, with \"quotes\"\nand a new line"));
        List<Map<String, Object>> items = given().queryParam("report", report).get("/api/v1/recommendations").then()
                .statusCode(200).extract().jsonPath().getList("items");

        String body = given().accept("application/x-ndjson").queryParam("report", report).get("/api/v1/recommendations")
                .then().statusCode(200)
                .contentType("application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"recommendations.ndjson\"")
                .extract().asString();

        String[] lines = body.split("\n");
        assertEquals(2, lines.length);
        assertEquals(items, List.of(JsonPath.from(lines[0]).getMap(""), JsonPath.from(lines[1]).getMap("")));
    }

    @Test
    void shouldKeepTheJsonPageAsTheDefault() {
        String report = TestData.report();
        TestData.recommendation(report);
        for (String accept : List.of("application/json", "*/*", "application/*", "text/html,application/xhtml+xml,*/*;q=0.8")) {
            given().accept(accept).queryParam("report", report).get("/api/v1/recommendations").then()
                    .statusCode(200).contentType("application/json").body("items", hasSize(1));
        }
        given().queryParam("report", report).get("/api/v1/recommendations").then()
                .statusCode(200).contentType("application/json").body("items", hasSize(1));
        given().accept("application/xml").get("/api/v1/recommendations").then()
                .statusCode(406).contentType("application/problem+json");
        given().accept("application/json;q=0.5, text/csv").queryParam("report", report).get("/api/v1/recommendations")
                .then().statusCode(200).contentType("text/csv");
    }

    // Quarkus REST's own choice between methods sharing a path differs on both counts: among equal q
    // values it prefers the server's qs, and when nothing matches it answers with the first method.
    @Test
    void shouldFollowTheClientsOrderAmongEqualPreferencesAndRefuseWhatItCannotProduce() {
        String report = TestData.report();
        TestData.recommendation(report);
        Map<String, String> chosen = Map.of(
                "text/csv, application/json", "text/csv",
                "application/x-ndjson, text/csv", "application/x-ndjson",
                "application/x-ndjson, application/json", "application/x-ndjson",
                "text/csv;q=0.7, application/json;q=0.7", "text/csv");
        chosen.forEach((accept, type) -> given().accept(accept).queryParam("report", report)
                .get("/api/v1/recommendations").then().statusCode(200).contentType(type));
        for (String accept : List.of("text/plain", "application/xml, text/html")) {
            given().accept(accept).queryParam("report", report).get("/api/v1/recommendations").then()
                    .statusCode(406).contentType("application/problem+json");
        }
    }

    @Test
    void shouldAnswerAnUnchangedNdjsonExportWith304() {
        String report = TestData.report();
        TestData.recommendation(report);
        String tag = given().accept("application/x-ndjson").queryParam("report", report).get("/api/v1/recommendations")
                .then().statusCode(200).contentType("application/x-ndjson").extract().header("ETag");
        given().accept("application/x-ndjson").header("If-None-Match", tag).queryParam("report", report)
                .get("/api/v1/recommendations").then().statusCode(304);
        given().accept("application/json").header("If-None-Match", tag).queryParam("report", report)
                .get("/api/v1/recommendations").then().statusCode(200).contentType("application/json");
    }

    @Test
    void shouldRoundTripAnExportThroughTheImportUnchanged() throws IOException {
        String report = TestData.report();
        String institution = TestData.institution();
        String earlier = TestData.recommendation(TestData.report());
        List<String> texts = List.of(
                "Amend the law, then consult",
                "He said \"yes\"; then \"no\"",
                "First line\nsecond line\r\nthird line",
                "Орталық сайлау комиссиясы: ә ғ қ ң ө ұ ү һ і",
                "  leading and trailing spaces  ",
                "=SUM(A1:A2) stays text",
                "#not a comment");
        for (int i = 0; i < texts.size(); i++) {
            TestData.recommendation(report, Map.of("number", i + 1, "text", texts.get(i), "priority", i % 2 == 0,
                    "themes", i % 3 == 0 ? List.of() : List.of("media", "election-day"),
                    "addressees", List.of(institution), "targetDate", "2026-0" + (i + 1) + "-15",
                    "response", i == 2 ? "REJECTED" : "SUPPORTED_IN_PART", "repeats", earlier, "archived", i == 1));
        }
        String exported = exportCsv(Map.of("report", report, "archived", "any")).asString();
        assertEquals(texts.size(), records(exported).size());

        given().contentType("text/csv; charset=UTF-8").body(exported).post("/api/v1/imports").then()
                .statusCode(200)
                .body("rows", hasSize(texts.size()))
                .body("rows.outcome", everyItem(equalTo("unchanged")))
                .body("summary.unchanged", equalTo(texts.size()));

        assertEquals(exported, exportCsv(Map.of("report", report, "archived", "any")).asString(),
                "importing an export changes nothing, not even versions or timestamps");
        String texts2 = records(exported).stream().map(r -> r.get("text")).sorted().toList().toString();
        assertEquals(texts.stream().sorted().toList().toString(), texts2);
    }

    @Test
    void shouldDocumentTheExportMediaTypesOnTheListOperation() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/recommendations'.get.operationId", equalTo("listRecommendations"))
                .body("paths.'/api/v1/recommendations'.get.responses.'200'.content.keySet()",
                        equalTo(java.util.Set.of("application/json", "text/csv", "application/x-ndjson")))
                .body("paths.'/api/v1/recommendations'.get.responses.'200'.content.'text/csv'.schema.type",
                        startsWith("string"));
    }
}
