package org.rectrack.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ReportResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Pattern NEXT_LINK = Pattern.compile("^<([^>]+)>;\\s*rel=\"next\"$");

    @Test
    void shouldCreateAReportAndAnswerWithLocationAndETag() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = validReport(reference, "TV");

        Response created = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/api/v1/reports/" + reference))
                .header("ETag", notNullValue())
                .header("ETag", not(startsWith("W/")))
                .body("reference", is(reference))
                .body("title", is(body.get("title")))
                .body("issuer", is("OSCE/ODIHR"))
                .body("country", is("TV"))
                .body("kind", is("final report"))
                .body("electionDate", is("2021-01-10"))
                .body("publishedOn", is("2021-03-15"))
                .body("url", is("https://www.osce.org/odihr/elections/" + reference))
                .body("archived", is(false))
                .body("version", is(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().response();

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .header("ETag", is(created.header("ETag")))
                .body("reference", is(reference))
                .body("title", is(body.get("title")))
                .body("version", is(0))
                .body("createdAt", is(created.<String>path("createdAt")));
    }

    @Test
    void shouldPageThroughAListOneReportAtATimeFollowingNextAndLink() {
        String country = "NR";
        Set<String> mine = new LinkedHashSet<>();
        for (int i = 0; i < 4; i++) {
            mine.add(TestData.report(country));
        }

        List<String> seen = new ArrayList<>();
        Response page = given().queryParam("country", country).queryParam("limit", 1).get("/api/v1/reports")
                .then().statusCode(200).extract().response();
        int pages = 1;
        while (true) {
            List<String> refs = page.path("items.reference");
            assertTrue(refs.size() <= 1, "limit=1 must give at most one item, got " + refs);
            List<String> countries = page.path("items.country");
            assertTrue(countries.stream().allMatch(country::equals), "the country filter let through " + countries);
            seen.addAll(refs);
            String next = page.path("next");
            String link = page.header("Link");
            if (next == null) {
                assertNull(link, "the last page must not have a next link");
                break;
            }
            assertEquals(1, refs.size(), "a page with a next cursor must be full");
            Matcher m = NEXT_LINK.matcher(link == null ? "" : link);
            assertTrue(m.matches(), "Link header should be <url>; rel=\"next\" but was " + link);
            String url = m.group(1);
            assertTrue(url.contains("/api/v1/reports?"), url);
            assertTrue(url.contains("country=" + country), "the next link keeps the filter: " + url);
            assertTrue(url.contains("limit=1"), "the next link keeps the limit: " + url);
            assertTrue(url.contains("cursor=" + next), "the next link carries the body's cursor: " + url);

            // follow the body's cursor and the Link header alternately: both must lead to the same page
            Response byCursor = given().queryParam("country", country).queryParam("limit", 1).queryParam("cursor", next)
                    .get("/api/v1/reports").then().statusCode(200).extract().response();
            Response byLink = given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().response();
            assertEquals(byCursor.<List<String>>path("items.reference"), byLink.<List<String>>path("items.reference"));
            page = pages % 2 == 0 ? byCursor : byLink;
            assertTrue(++pages < 10_000, "paging does not end");
        }

        assertEquals(new LinkedHashSet<>(seen).size(), seen.size(), "no report may be repeated: " + seen);
        assertTrue(seen.containsAll(mine), "every report of the country must be listed: " + seen + " vs " + mine);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "reports come in reference order");
        assertTrue(pages >= mine.size(), "four reports need at least four pages of one");
    }

    @Test
    void shouldRejectADuplicateReferenceAndKeepTheFirstReport() {
        String reference = TestData.report("TV");
        String title = given().get("/api/v1/reports/" + reference).then().statusCode(200).extract().path("title");

        Map<String, Object> again = validReport(reference, "NR");
        again.put("title", "Someone else's report");
        given().contentType(ContentType.JSON).body(again)
                .post("/api/v1/reports")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("status", is(409))
                .body("instance", is("/api/v1/reports"))
                .body("detail", containsString(reference));

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .body("title", is(title))
                .body("country", is("TV"))
                .body("version", is(0));
    }

    @Test
    void shouldNameEveryBadFieldAtOnceAndWriteNothing() {
        String reference = TestData.unique("RPT");
        Map<String, Object> bad = validReport(reference, "XX");
        bad.put("title", " ");
        bad.put("url", "ftp://x");

        assertInvalid(bad, Set.of("country", "title", "url"));
        given().get("/api/v1/reports/" + reference).then().statusCode(404);

        Map<String, Object> alsoBad = validReport("bad ref!", "kz");
        alsoBad.put("title", "t".repeat(301));
        alsoBad.put("url", "not a url");

        assertInvalid(alsoBad, Set.of("reference", "country", "title", "url"));
        given().get("/api/v1/reports/{reference}", "bad ref!").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void shouldRejectEachBadFieldOnItsOwn(String field, String value) {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = validReport(reference, "TV");
        body.put(field, value);

        assertInvalid(body, Set.of(field));
        given().get("/api/v1/reports/" + reference).then().statusCode(404);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(Arguments.of("country", "XX"), Arguments.of("country", "kz"), Arguments.of("country", "KAZ"),
                Arguments.of("title", ""), Arguments.of("title", "   "), Arguments.of("title", "t".repeat(301)),
                Arguments.of("issuer", ""), Arguments.of("url", "ftp://x"), Arguments.of("url", "not a url"),
                Arguments.of("electionDate", "10.01.2021"));
    }

    @Test
    void shouldPatchWithIfMatchAndAnswerWithANewETag() {
        String reference = TestData.report("TV");
        String etag = etagOf(reference);

        Response patched = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("title", "Corrected title", "publishedOn", "2021-04-01"))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("reference", is(reference))
                .body("title", is("Corrected title"))
                .body("publishedOn", is("2021-04-01"))
                .body("issuer", is("OSCE/ODIHR"))
                .body("version", is(1))
                .extract().response();
        String newEtag = patched.header("ETag");
        assertNotEquals(etag, newEtag);

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .header("ETag", is(newEtag))
                .body("title", is("Corrected title"))
                .body("publishedOn", is("2021-04-01"));
    }

    @Test
    void shouldRequireIfMatchOnPatch() {
        String reference = TestData.report("TV");
        String title = given().get("/api/v1/reports/" + reference).then().extract().path("title");

        given().contentType(MERGE_PATCH).body(Map.of("title", "Without a precondition"))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(428)
                .contentType(PROBLEM)
                .body("status", is(428))
                .body("instance", is("/api/v1/reports/" + reference));

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200).body("title", is(title)).body("version", is(0));
    }

    @Test
    void shouldRejectStaleIfMatch() {
        String reference = TestData.report("TV");
        String stale = etagOf(reference);
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("title", "First writer"))
                .patch("/api/v1/reports/" + reference).then().statusCode(200);
        String current = etagOf(reference);

        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("title", "Second writer", "archived", true))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(412)
                .contentType(PROBLEM)
                .body("status", is(412))
                .body("instance", is("/api/v1/reports/" + reference));

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .header("ETag", is(current))
                .body("title", is("First writer"))
                .body("archived", is(false))
                .body("version", is(1));
    }

    @Test
    void shouldRejectReadOnlyFieldsInAPatchNamingThem() {
        String reference = TestData.report("TV");
        String etag = etagOf(reference);

        Response problem = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("reference", "RPT-renamed", "version", 7, "createdAt", "2020-01-01T00:00:00Z",
                        "title", "Sneaked in"))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("instance", is("/api/v1/reports/" + reference))
                .extract().response();
        List<String> fields = problem.path("errors.field");
        assertEquals(Set.of("reference", "version", "createdAt"), Set.copyOf(fields), "errors: " + fields);

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200)
                .header("ETag", is(etag))
                .body("title", not(is("Sneaked in")))
                .body("version", is(0));
        given().get("/api/v1/reports/RPT-renamed").then().statusCode(404);
    }

    @Test
    void shouldRejectUnknownFieldsInAPatchNamingThem() {
        String reference = TestData.report("TV");
        String etag = etagOf(reference);

        given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("colour", "red", "title", "Sneaked in"))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", is(List.of("colour")));

        given().get("/api/v1/reports/" + reference)
                .then().statusCode(200).header("ETag", is(etag)).body("title", not(is("Sneaked in")));
    }

    @Test
    void shouldRejectUnknownFieldsOnCreate() {
        String reference = TestData.unique("RPT");
        Map<String, Object> body = validReport(reference, "TV");
        body.put("colour", "red");

        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", is(List.of("colour")));
        given().get("/api/v1/reports/" + reference).then().statusCode(404);
    }

    @Test
    void shouldHideAnArchivedReportFromTheDefaultListAndRestoreIt() {
        String country = "TV";
        String reference = TestData.report(country);
        assertTrue(references(country, null).contains(reference));

        String archivedEtag = given().contentType(MERGE_PATCH).header("If-Match", etagOf(reference))
                .body(Map.of("archived", true))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(200).body("archived", is(true)).extract().header("ETag");

        given().get("/api/v1/reports/" + reference).then().statusCode(200).body("archived", is(true));
        assertFalse(references(country, null).contains(reference), "archived reports are hidden by default");
        assertFalse(references(country, "false").contains(reference), "archived=false hides archived reports");
        assertTrue(references(country, "true").contains(reference), "archived=true shows archived reports");
        assertTrue(references(country, "any").contains(reference), "archived=any shows archived reports");

        given().contentType(MERGE_PATCH).header("If-Match", archivedEtag)
                .body(Map.of("archived", false))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(200).body("archived", is(false));

        assertTrue(references(country, null).contains(reference), "a restored report is listed again");
        assertFalse(references(country, "true").contains(reference), "a restored report is no longer archived");
        assertTrue(references(country, "any").contains(reference));
    }

    @Test
    void shouldListOnlyArchivedReportsWithArchivedTrue() {
        String country = "NR";
        String reference = TestData.report(country);
        given().contentType(MERGE_PATCH).header("If-Match", etagOf(reference)).body(Map.of("archived", true))
                .patch("/api/v1/reports/" + reference).then().statusCode(200);

        given().queryParam("country", country).queryParam("archived", "true").queryParam("limit", 500)
                .get("/api/v1/reports")
                .then().statusCode(200)
                .body("items.archived", everyItem(is(true)));
        given().queryParam("country", country).queryParam("limit", 500)
                .get("/api/v1/reports")
                .then().statusCode(200)
                .body("items.archived", everyItem(is(false)));
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentETagOfAnItem() {
        String reference = TestData.report("TV");
        String etag = etagOf(reference);

        given().header("If-None-Match", etag).get("/api/v1/reports/" + reference)
                .then().statusCode(304)
                .header("ETag", is(etag))
                .body(is(emptyString()));
        given().header("If-None-Match", "\"not-the-tag\"").get("/api/v1/reports/" + reference)
                .then().statusCode(200).body("reference", is(reference));

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("kind", "follow-up report"))
                .patch("/api/v1/reports/" + reference).then().statusCode(200);
        given().header("If-None-Match", etag).get("/api/v1/reports/" + reference)
                .then().statusCode(200).body("kind", is("follow-up report"));
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentETagOfAList() {
        String reference = TestData.report("NR");
        String etag = given().queryParam("country", "NR").queryParam("limit", 500)
                .get("/api/v1/reports")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .extract().header("ETag");

        given().queryParam("country", "NR").queryParam("limit", 500).header("If-None-Match", etag)
                .get("/api/v1/reports")
                .then().statusCode(304)
                .body(is(emptyString()));

        // any change to a listed item changes the list's tag
        given().contentType(MERGE_PATCH).header("If-Match", etagOf(reference)).body(Map.of("kind", "needs assessment"))
                .patch("/api/v1/reports/" + reference).then().statusCode(200);
        given().queryParam("country", "NR").queryParam("limit", 500).header("If-None-Match", etag)
                .get("/api/v1/reports")
                .then().statusCode(200)
                .header("ETag", not(is(etag)));
    }

    @Test
    void shouldRejectAnInvalidCountryFilterNamingIt() {
        given().queryParam("country", "XX").get("/api/v1/reports")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("instance", is("/api/v1/reports"))
                .body("errors.field", is(List.of("country")));
        given().queryParam("country", "kz").get("/api/v1/reports")
                .then().statusCode(400)
                .body("errors.field", is(List.of("country")));
    }

    @Test
    void shouldRejectBadListParametersAllAtOnce() {
        given().queryParam("country", "XX").queryParam("archived", "maybe").get("/api/v1/reports")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", everyItem(in(List.of("country", "archived"))))
                .body("errors.field", hasItem("country"))
                .body("errors.field", hasItem("archived"));
        given().queryParam("limit", 501).get("/api/v1/reports")
                .then().statusCode(400).body("errors.field", is(List.of("limit")));
        given().queryParam("limit", 0).get("/api/v1/reports")
                .then().statusCode(400).body("errors.field", is(List.of("limit")));
        for (String limit : List.of(" 5", "5 ", "+5", "05x")) {
            given().queryParam("limit", limit).get("/api/v1/reports")
                    .then().statusCode(400).body("errors.field", is(List.of("limit")));
        }
        given().queryParam("cursor", "made-up").get("/api/v1/reports")
                .then().statusCode(400).body("errors.field", is(List.of("cursor")));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownReport() {
        String reference = TestData.unique("RPT");
        given().get("/api/v1/reports/" + reference)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", is(404))
                .body("detail", containsString(reference));
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body(Map.of("title", "x"))
                .patch("/api/v1/reports/" + reference)
                .then().statusCode(404)
                .contentType(PROBLEM);
        given().get("/api/v1/reports/" + reference).then().statusCode(404);
    }

    private static Map<String, Object> validReport(String reference, String country) {
        Map<String, Object> body = new HashMap<>();
        body.put("reference", reference);
        body.put("title", "Final report " + reference);
        body.put("issuer", "OSCE/ODIHR");
        body.put("country", country);
        body.put("kind", "final report");
        body.put("electionDate", "2021-01-10");
        body.put("publishedOn", "2021-03-15");
        body.put("url", "https://www.osce.org/odihr/elections/" + reference);
        return body;
    }

    private static void assertInvalid(Map<String, Object> body, Set<String> expectedFields) {
        Response problem = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("instance", is("/api/v1/reports"))
                .body("errors.size()", lessThanOrEqualTo(2 * expectedFields.size()))
                .extract().response();
        List<String> fields = problem.path("errors.field");
        assertEquals(expectedFields, Set.copyOf(fields), "for " + body + ": " + problem.asString());
        List<String> messages = problem.path("errors.message");
        assertTrue(messages.stream().noneMatch(m -> m == null || m.isBlank()), "every error says what is wrong");
    }

    private static String etagOf(String reference) {
        return given().get("/api/v1/reports/" + reference).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
    }

    /** Every reference of the country's list, following {@code next} to the end. */
    private static List<String> references(String country, String archived) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("country", country).queryParam("limit", 500);
            if (archived != null) {
                request.queryParam("archived", archived);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/reports").then().statusCode(200).extract().response();
            all.addAll(page.path("items.reference"));
            cursor = page.path("next");
        } while (cursor != null);
        return all;
    }
}
