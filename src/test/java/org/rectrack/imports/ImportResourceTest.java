package org.rectrack.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.contract.RawHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/imports: outcomes, all-or-nothing validation, dry runs, limits and JSON bodies. */
@QuarkusTest
class ImportResourceTest {

    static final String CSV = "text/csv; charset=UTF-8";
    static final String HEADER = "reference,report,number,text,priority,themes,addressees,targetDate,response,repeats,archived";

    static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static ValidatableResponse importCsv(String body) {
        return given().contentType(CSV).body(body).post("/api/v1/imports").then();
    }

    static JsonPath recommendation(String reference) {
        return given().get("/api/v1/recommendations/{r}", reference).then().statusCode(200).extract().jsonPath();
    }

    static void assertAbsent(String reference) {
        given().get("/api/v1/recommendations/{r}", reference).then().statusCode(404);
    }

    @Test
    void shouldReportCreatedUpdatedAndUnchangedRowsInOrder() {
        String report = TestData.report();
        String institution = TestData.institution();
        String same = TestData.recommendation(report, Map.of("number", 1, "themes", List.of("media", "legal-framework"),
                "addressees", List.of(institution), "targetDate", "2025-06-30", "response", "SUPPORTED"));
        String changed = TestData.recommendation(report, Map.of("number", 2));
        String added = TestData.unique(report + "-N");
        JsonPath sameBefore = recommendation(same);
        JsonPath changedBefore = recommendation(changed);

        importCsv(csv(HEADER,
                // the same recommendation, with its themes in another order and defaults spelled out
                same + "," + report + ",1,The law should be amended " + same + ",false,legal-framework; media,"
                        + institution + ",2025-06-30,SUPPORTED,,false",
                changed + "," + report + ",2,A new wording,true,media,,,,,",
                added + "," + report + ",3,A new recommendation,,,,,,,"))
                .statusCode(200)
                .body("dryRun", equalTo(false))
                .body("summary.created", equalTo(1)).body("summary.updated", equalTo(1)).body("summary.unchanged", equalTo(1))
                .body("rows.line", equalTo(List.of(2, 3, 4)))
                .body("rows.reference", equalTo(List.of(same, changed, added)))
                .body("rows.outcome", equalTo(List.of("unchanged", "updated", "created")))
                .body("rows[0].index", equalTo(null));

        JsonPath sameAfter = recommendation(same);
        assertEquals(sameBefore.getLong("version"), sameAfter.getLong("version"), "an unchanged row keeps its version");
        assertEquals(sameBefore.getString("updatedAt"), sameAfter.getString("updatedAt"), "and its updatedAt");
        JsonPath changedAfter = recommendation(changed);
        assertEquals(changedBefore.getLong("version") + 1, changedAfter.getLong("version"));
        assertEquals("A new wording", changedAfter.getString("text"));
        assertEquals(true, changedAfter.getBoolean("priority"));
        assertEquals(List.of("media"), changedAfter.getList("themes"));
        JsonPath addedAfter = recommendation(added);
        assertEquals(report, addedAfter.getString("report"));
        assertEquals("NO_RESPONSE", addedAfter.getString("response"));
        assertEquals(List.of(), addedAfter.getList("themes"));
    }

    /** The change feed's current position: the last page's {@code next}. */
    static long feedPosition() {
        long after = 0;
        while (true) {
            long next = Long.parseLong(given().queryParam("after", after).queryParam("limit", 500).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath().getString("next"));
            if (next == after) {
                return after;
            }
            after = next;
        }
    }

    @Test
    void shouldPublishAChangeForEveryCreatedOrUpdatedRowOnly() {
        String report = TestData.report();
        String same = TestData.recommendation(report, Map.of("number", 1));
        String changed = TestData.recommendation(report, Map.of("number", 2));
        String added = TestData.unique(report + "-F");
        String body = csv(HEADER,
                same + "," + report + ",1,The law should be amended " + same + ",,legal-framework,,,,,",
                changed + "," + report + ",2,Changed,,,,,,,",
                added + "," + report + ",3,Added,,,,,,,");
        long start = feedPosition();

        given().contentType(CSV).queryParam("dryRun", true).body(body).post("/api/v1/imports").then().statusCode(200);
        assertEquals(start, feedPosition(), "a dry run publishes nothing");

        importCsv(body).statusCode(200).body("rows.outcome", equalTo(List.of("unchanged", "updated", "created")));
        given().queryParam("after", start).get("/api/v1/changes").then().statusCode(200)
                .body("items.type", equalTo(List.of("recommendation", "recommendation")))
                .body("items.key", equalTo(List.of(changed, added)))
                .body("items.action", equalTo(List.of("updated", "created")))
                .body("items[0].data.text", equalTo("Changed"));
    }

    @Test
    void shouldNameEveryBadRowAndWriteNothing() {
        String report = TestData.report();
        String existing = TestData.recommendation(report);
        long version = recommendation(existing).getLong("version");
        String good1 = TestData.unique(report + "-G");
        String good2 = TestData.unique(report + "-G");

        importCsv(csv(HEADER,
                good1 + "," + report + ",1,Fine,,,,,,,",
                TestData.unique("BAD") + "," + report + ",seven,Number is not a number,,,,,,,",
                existing + "," + report + ",3,An update that must not be written,,,,,,,",
                TestData.unique("BAD") + "," + report + ",4,Unknown theme,,media;no-such-theme,,,,,",
                TestData.unique("BAD") + ",NO-SUCH-REPORT,5,Unknown report,,,,,,,",
                good2 + "," + report + ",6,Fine too,,,,,,,"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rectrack:problem:invalid-import"))
                .body("status", equalTo(422))
                .body("detail", containsString("nothing was imported"))
                .body("errors.field", equalTo(List.of("line 3, column number", "line 5, column themes", "line 6, column report")))
                .body("errors.message", equalTo(List.of("must be a whole number", "no theme 'no-such-theme'",
                        "no report 'NO-SUCH-REPORT'")));

        assertAbsent(good1);
        assertAbsent(good2);
        JsonPath after = recommendation(existing);
        assertEquals(version, after.getLong("version"));
        assertEquals("The law should be amended " + existing, after.getString("text"));
    }

    @Test
    void shouldApplyTheRulesOfASingleCreateToEveryRow() {
        String report = TestData.report();
        String twice = TestData.unique(report + "-T");
        importCsv(csv(HEADER,
                "not a reference," + report + ",1,Bad reference,,,,,,,",
                twice + "," + report + ",0,,maybe,Media,,31.12.2025,LATER,,",
                twice + "," + report + ",2,Imported twice,,,,,," + twice + ","))
                .statusCode(422)
                .body("errors.field", equalTo(List.of(
                        "line 2, column reference",
                        "line 3, column number", "line 3, column text", "line 3, column priority",
                        "line 3, column themes", "line 3, column targetDate", "line 3, column response",
                        "line 4, column reference", "line 4, column repeats")))
                .body("errors.message", hasItem("'Media' must be a lower-case slug: 1 to 64 letters, digits or '-'"))
                .body("errors.message", hasItem("'" + twice + "' is imported twice: also on line 3"))
                .body("errors.message", hasItem("must name another recommendation"));
        assertAbsent(twice);
    }

    @Test
    void shouldOnlyValidateOnADryRun() {
        String report = TestData.report();
        String existing = TestData.recommendation(report);
        long version = recommendation(existing).getLong("version");
        String added = TestData.unique(report + "-D");

        given().contentType(CSV).queryParam("dryRun", "true")
                .body(csv(HEADER, existing + "," + report + ",1,Changed,,,,,,,", added + "," + report + ",2,New,,,,,,,"))
                .post("/api/v1/imports").then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("rows.outcome", equalTo(List.of("updated", "created")))
                .body("summary.updated", equalTo(1)).body("summary.created", equalTo(1));

        assertAbsent(added);
        JsonPath after = recommendation(existing);
        assertEquals(version, after.getLong("version"));
        assertEquals("The law should be amended " + existing, after.getString("text"));

        given().contentType(CSV).queryParam("dryRun", "true")
                .body(csv(HEADER, added + ",NO-SUCH-REPORT,2,New,,,,,,,"))
                .post("/api/v1/imports").then()
                .statusCode(422).body("errors[0].field", equalTo("line 2, column report"));
        given().contentType(CSV).queryParam("dryRun", "perhaps").body(csv(HEADER)).post("/api/v1/imports").then()
                .statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void shouldRejectAnUnknownOrMissingColumn() {
        importCsv(csv("reference,report,number,colour", "X-1,R,1,red"))
                .statusCode(422)
                .body("errors.field", equalTo(List.of("line 1, column colour", "line 1, column text")))
                .body("errors[0].message", startsWith("is not a known column; the columns are reference, report,"))
                .body("errors[1].message", equalTo("is required but missing from the header"));
        importCsv(csv("reference;report;number;text", "X-1;R;1;t"))
                .statusCode(422)
                .body("errors[0].message", containsString("cells must be separated by commas"));
        importCsv("").statusCode(422).body("errors[0].field", equalTo("line 1"));
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfCells() {
        String report = TestData.report();
        importCsv(csv(HEADER, TestData.unique("W") + "," + report + ",1,Too many, cells,,,,,,,"))
                .statusCode(422)
                .body("errors.field", equalTo(List.of("line 2")))
                .body("errors[0].message", equalTo("has 12 cells but the header has 11"));
    }

    @Test
    void shouldAnswerMalformedCsvWithTheLine() {
        importCsv(csv("reference,report,number,text", "A,R,1,fine", "B,R,2,\"never closed"))
                .statusCode(400)
                .body("title", equalTo("Malformed CSV"))
                .body("errors[0].field", equalTo("line 3"))
                .body("errors[0].message", equalTo("opens a quoted cell that is never closed"));
        importCsv(csv("reference,report,number,text", "A,R,1,\"closed\" then more"))
                .statusCode(400).body("errors[0].field", equalTo("line 2"));
        byte[] latin1 = csv("reference,report,number,text", "A,R,1,Se\u00f1or").getBytes(StandardCharsets.ISO_8859_1);
        given().contentType(CSV).body(latin1).post("/api/v1/imports").then()
                .statusCode(400).body("errors[0].message", equalTo("is not UTF-8 text"));
        given().contentType("text/csv; charset=ISO-8859-1").body(latin1).post("/api/v1/imports").then()
                .statusCode(415).contentType("application/problem+json");
        given().contentType("text/plain").body("reference").post("/api/v1/imports").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseMoreRowsThanTheLimit() {
        StringBuilder body = new StringBuilder("reference,report,number,text\n");
        for (int i = 0; i <= 20000; i++) {
            body.append("R-").append(i).append(",R,1,t\n");
        }
        importCsv(body.toString())
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rectrack:problem:too-large"))
                .body("detail", containsString("more than 20000 rows"));
    }

    @Test
    void shouldAnswerAProblemPastTheHttpLayersCap() {
        // past quarkus.http.limits.max-body-size (the largest import, 20 MiB) no route reads a body: the
        // answer comes from the head alone, so a client that waits for 100 Continue (as curl does) sends none of it
        long declared = 21L * 1024 * 1024;
        int before = given().get("/api/v1/stats?archived=any").then().statusCode(200).extract().path("total.total");
        RawHttp.Reply answer = RawHttp.sendExactly(RestAssured.port, "POST /api/v1/imports HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: " + CSV + "\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + declared + "\r\n\r\n");
        assertEquals(413, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("content-type"));
        assertEquals("close", answer.header("connection"));
        JsonPath problem = JsonPath.from(answer.body());
        assertEquals("urn:rectrack:problem:too-large", problem.getString("type"));
        assertEquals(413, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains(String.valueOf(declared)), problem.getString("detail"));
        given().get("/api/v1/stats?archived=any").then().statusCode(200).body("total.total", equalTo(before));
    }

    @Test
    void shouldTakeImportsLargerThanTheGeneralBodyLimit() {
        String body = overOneMegabyte(TestData.report());
        given().contentType(CSV).queryParam("dryRun", true).body(body).post("/api/v1/imports").then()
                .statusCode(200).body("summary.created", equalTo(300));
        // other routes keep the general limit
        given().contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .post("/api/v1/recommendations").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerARetriedImportOnceWithTheSameIdempotencyKey() {
        String body = overOneMegabyte(TestData.report());
        String key = TestData.unique("import");
        // larger than the general body limit, which the idempotency check must not apply to imports
        given().contentType(CSV).header("Idempotency-Key", key).body(body).post("/api/v1/imports").then()
                .statusCode(200).body("summary.created", equalTo(300));
        given().contentType(CSV).header("Idempotency-Key", key).body(body).post("/api/v1/imports").then()
                .statusCode(200)
                .header("Idempotency-Replayed", "true")
                .body("summary.created", equalTo(300));
        importCsv(body).statusCode(200).body("summary.unchanged", equalTo(300));
    }

    @Test
    void shouldImportAJsonArrayWhoseItemsMayRepeatEachOther() {
        String report = TestData.report();
        String institution = TestData.institution();
        String first = TestData.unique(report + "-J");
        String second = TestData.unique(report + "-J");
        // the first item repeats the second, which the same import creates
        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("reference", first, "report", report, "number", 1, "text", "Первая рекомендация",
                                "themes", List.of("media"), "addressees", List.of(institution), "repeats", second),
                        Map.of("reference", second, "report", report, "number", 2, "text", "Second", "priority", true)))
                .post("/api/v1/imports").then()
                .statusCode(200)
                .body("rows.index", equalTo(List.of(0, 1)))
                .body("rows[0].line", equalTo(null))
                .body("rows.outcome", equalTo(List.of("created", "created")));

        JsonPath stored = recommendation(first);
        assertEquals(second, stored.getString("repeats"));
        assertEquals("Первая рекомендация", stored.getString("text"));
        assertEquals(List.of(institution), stored.getList("addressees"));
        assertEquals(true, recommendation(second).getBoolean("priority"));

        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("reference", first, "report", report, "number", 1, "text", "Первая рекомендация",
                                "themes", List.of("media"), "addressees", List.of(institution), "repeats", second)))
                .post("/api/v1/imports").then()
                .statusCode(200).body("rows[0].outcome", equalTo("unchanged"));
    }

    @Test
    void shouldCreateNewRecommendationsThatRepeatEachOther() {
        String report = TestData.report();
        String a = TestData.unique(report + "-C");
        String b = TestData.unique(report + "-C");
        importCsv(csv(HEADER, a + "," + report + ",1,A,,,,,," + b + ",", b + "," + report + ",2,B,,,,,," + a + ","))
                .statusCode(200).body("rows.outcome", equalTo(List.of("created", "created")));
        assertEquals(b, recommendation(a).getString("repeats"));
        assertEquals(a, recommendation(b).getString("repeats"));
        importCsv(csv(HEADER, a + "," + report + ",1,A,,,,,," + b + ",", b + "," + report + ",2,B,,,,,," + a + ","))
                .statusCode(200).body("rows.outcome", equalTo(List.of("unchanged", "unchanged")));
    }

    @Test
    void shouldNameBadJsonItemsByIndexAndWriteNothing() {
        String report = TestData.report();
        String good = TestData.unique(report + "-J");
        given().contentType(ContentType.JSON).body("[" + String.join(",",
                        "{\"reference\":\"" + good + "\",\"report\":\"" + report + "\",\"number\":1,\"text\":\"Fine\"}",
                        "{\"reference\":\"J-2\",\"report\":\"" + report + "\",\"number\":\"three\",\"text\":\"Bad number\"}",
                        "{\"reference\":\"J-3\",\"report\":\"" + report + "\",\"number\":3,\"text\":\"x\",\"colour\":\"red\"}",
                        "{\"reference\":\"J-4\",\"report\":\"" + report + "\",\"number\":4,\"text\":\"\",\"themes\":[\"media\",\"nope\"]}",
                        "42") + "]")
                .post("/api/v1/imports").then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("[1].number", "[2].colour", "[3].text", "[3].themes[1]", "[4]")))
                .body("errors.message", hasItem("no theme 'nope'"));
        assertAbsent(good);

        given().contentType(ContentType.JSON).body("{\"reference\":\"x\"}").post("/api/v1/imports").then()
                .statusCode(400).body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("[{\"reference\":").post("/api/v1/imports").then()
                .statusCode(400).body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/imports").then()
                .statusCode(200).body("rows", hasSize(0)).body("summary.created", equalTo(0));
    }

    @Test
    void shouldNameANullCodeOfAStoredRecommendationAndChangeNothing() {
        String report = TestData.report();
        String stored = TestData.recommendation(report);
        String etag = given().get("/api/v1/recommendations/{r}", stored).then().extract().header("ETag");
        given().contentType(ContentType.JSON).body("[{\"reference\":\"" + stored + "\",\"report\":\"" + report
                        + "\",\"number\":1,\"text\":\"Changed\",\"themes\":[null],\"addressees\":[null]}]")
                .post("/api/v1/imports").then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("[0].themes[0]", "[0].addressees[0]")));
        given().get("/api/v1/recommendations/{r}", stored).then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void shouldDocumentTheImportOperation() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/imports'.post.operationId", equalTo("importRecommendations"))
                .body("paths.'/api/v1/imports'.post.requestBody.content.keySet()", containsInAnyOrder("text/csv", "application/json"))
                .body("paths.'/api/v1/imports'.post.responses.keySet()", hasItem("422"));
    }

    /** 300 recommendations of a report in a CSV body larger than the general 1 MB body limit. */
    private static String overOneMegabyte(String report) {
        StringBuilder body = new StringBuilder(HEADER + "\n");
        for (int i = 1; i <= 300; i++) {
            body.append(report).append("-L").append(i).append(',').append(report).append(',').append(i).append(',')
                    .append("x".repeat(3900)).append(",,,,,,,\n");
        }
        assertTrue(body.length() > 1024 * 1024, "the body must exceed the general limit");
        return body.toString();
    }
}
