package org.rectrack.institution;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class InstitutionResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void shouldCreateAnInstitutionAndReadItBack() {
        String code = TestData.unique("kz-cec").toLowerCase();

        String etag = given().contentType(ContentType.JSON)
                .body(institution(code, "TV", "ELECTION_ADMINISTRATION"))
                .post("/api/v1/institutions")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/institutions/" + code))
                .header("ETag", notNullValue())
                .body("code", is(code))
                .body("name", is("Central Election Commission " + code))
                .body("country", is("TV"))
                .body("kind", is("ELECTION_ADMINISTRATION"))
                .body("version", is(0))
                .body("createdAt", notNullValue())
                .extract().header("ETag");

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200)
                .header("ETag", is(etag))
                .body("code", is(code))
                .body("name", is("Central Election Commission " + code))
                .body("kind", is("ELECTION_ADMINISTRATION"));
    }

    @Test
    void shouldListInstitutionsInCodeOrder() {
        String country = "NR";
        Set<String> mine = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            mine.add(create(country, "OTHER"));
        }

        List<String> listed = codes(Map.of("country", country), 1);

        assertTrue(listed.containsAll(mine), listed + " should contain " + mine);
        assertEquals(new LinkedHashSet<>(listed).size(), listed.size(), "no institution is listed twice: " + listed);
        List<String> sorted = new ArrayList<>(listed);
        sorted.sort(null);
        assertEquals(sorted, listed);
    }

    @Test
    void shouldFilterInstitutionsByKindAndCountry() {
        String judiciaryTv = create("TV", "JUDICIARY");
        String legislatureTv = create("TV", "LEGISLATURE");
        String judiciaryNr = create("NR", "JUDICIARY");

        List<String> judiciaryInTv = codes(Map.of("country", "TV", "kind", "JUDICIARY"), 500);
        assertTrue(judiciaryInTv.contains(judiciaryTv));
        assertFalse(judiciaryInTv.contains(legislatureTv), "kind filter");
        assertFalse(judiciaryInTv.contains(judiciaryNr), "country filter");

        List<String> judiciary = codes(Map.of("kind", "JUDICIARY"), 500);
        assertTrue(judiciary.containsAll(List.of(judiciaryTv, judiciaryNr)));
        assertFalse(judiciary.contains(legislatureTv));

        List<String> inTv = codes(Map.of("country", "TV"), 500);
        assertTrue(inTv.containsAll(List.of(judiciaryTv, legislatureTv)));
        assertFalse(inTv.contains(judiciaryNr));

        given().queryParam("country", "TV").queryParam("kind", "JUDICIARY").queryParam("limit", 500)
                .get("/api/v1/institutions")
                .then().statusCode(200)
                .body("items.kind", everyItem(is("JUDICIARY")))
                .body("items.country", everyItem(is("TV")));
    }

    @Test
    void shouldRejectAnUnknownKindFilterNamingIt() {
        given().queryParam("kind", "PARLIAMENT").get("/api/v1/institutions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("instance", is("/api/v1/institutions"))
                .body("errors.field", is(List.of("kind")));
        given().queryParam("kind", "judiciary").get("/api/v1/institutions")
                .then().statusCode(400)
                .body("errors.field", is(List.of("kind")));
    }

    @Test
    void shouldRejectBadFiltersAllAtOnce() {
        Response problem = given().queryParam("kind", "PARLIAMENT").queryParam("country", "XX")
                .get("/api/v1/institutions")
                .then().statusCode(400).contentType(PROBLEM).extract().response();
        assertEquals(Set.of("kind", "country"), Set.copyOf(problem.<List<String>>path("errors.field")));
    }

    @Test
    void shouldRejectADuplicateCode() {
        String code = create("TV", "EXECUTIVE");

        given().contentType(ContentType.JSON).body(institution(code, "NR", "JUDICIARY"))
                .post("/api/v1/institutions")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("status", is(409))
                .body("detail", containsString(code));

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200)
                .body("country", is("TV"))
                .body("kind", is("EXECUTIVE"))
                .body("version", is(0));
    }

    @Test
    void shouldRejectACodeThatIsNotASlug() {
        Map<String, Object> body = institution("Bad Code", "TV", "OTHER");

        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/institutions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("instance", is("/api/v1/institutions"))
                .body("errors.field", is(List.of("code")));
        given().get("/api/v1/institutions/{code}", "Bad Code").then().statusCode(404);
    }

    @Test
    void shouldRejectAnUnknownKindNamingIt() {
        String code = TestData.unique("inst").toLowerCase();

        given().contentType(ContentType.JSON).body(institution(code, "TV", "PARLIAMENT"))
                .post("/api/v1/institutions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", is(List.of("kind")));
        given().get("/api/v1/institutions/" + code).then().statusCode(404);
    }

    @Test
    void shouldRejectAnInvalidCountryNamingIt() {
        for (String country : List.of("XX", "kz", "KAZ", "")) {
            String code = TestData.unique("inst").toLowerCase();

            given().contentType(ContentType.JSON).body(institution(code, country, "OTHER"))
                    .post("/api/v1/institutions")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", is(List.of("country")));
            given().get("/api/v1/institutions/" + code).then().statusCode(404);
        }
    }

    @Test
    void shouldNameEveryBadFieldOfAnInstitutionAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "Bad Code");
        body.put("name", " ");
        body.put("country", "XX");

        Response problem = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/institutions")
                .then().statusCode(400).contentType(PROBLEM).extract().response();
        assertEquals(Set.of("code", "name", "country", "kind"), Set.copyOf(problem.<List<String>>path("errors.field")));
    }

    @Test
    void shouldPatchAnInstitutionWithIfMatch() {
        String code = create("TV", "OTHER");
        String etag = etagOf(code);

        String newEtag = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("name", "Ombudsperson of Tuvalu", "kind", "OMBUDSPERSON"))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(200)
                .body("code", is(code))
                .body("name", is("Ombudsperson of Tuvalu"))
                .body("kind", is("OMBUDSPERSON"))
                .body("country", is("TV"))
                .body("version", is(1))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200)
                .header("ETag", is(newEtag))
                .body("name", is("Ombudsperson of Tuvalu"))
                .body("kind", is("OMBUDSPERSON"));
        assertTrue(codes(Map.of("kind", "OMBUDSPERSON", "country", "TV"), 500).contains(code), "the list sees the new kind");
    }

    @Test
    void shouldRequireACurrentIfMatchToPatchAnInstitution() {
        String code = create("TV", "OTHER");
        String stale = etagOf(code);
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("name", "First"))
                .patch("/api/v1/institutions/" + code).then().statusCode(200);

        given().contentType(MERGE_PATCH).body(Map.of("name", "No precondition"))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(428).contentType(PROBLEM).body("status", is(428));
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("name", "Stale"))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(412).contentType(PROBLEM).body("status", is(412));

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200).body("name", is("First")).body("version", is(1));
    }

    @Test
    void shouldRejectAPatchOfTheCodeOrOfUnknownFields() {
        String code = create("TV", "OTHER");
        String etag = etagOf(code);

        Response problem = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("code", "renamed-" + code, "version", 3, "colour", "red", "name", "Sneaked in"))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("instance", is("/api/v1/institutions/" + code))
                .extract().response();
        assertEquals(Set.of("code", "version", "colour"), Set.copyOf(problem.<List<String>>path("errors.field")));

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200).header("ETag", is(etag)).body("name", not(is("Sneaked in")));
        given().get("/api/v1/institutions/renamed-" + code).then().statusCode(404);
    }

    @Test
    void shouldRejectAnInvalidPatchNamingTheField() {
        String code = create("TV", "OTHER");
        String etag = etagOf(code);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("kind", "PARLIAMENT"))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", is(List.of("kind")));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("country", "XX", "name", ""))
                .patch("/api/v1/institutions/" + code)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("country"))
                .body("errors.field", hasItem("name"));

        given().get("/api/v1/institutions/" + code)
                .then().statusCode(200).header("ETag", is(etag)).body("kind", is("OTHER")).body("country", is("TV"));
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentETag() {
        String code = create("TV", "OTHER");
        String etag = etagOf(code);

        given().header("If-None-Match", etag).get("/api/v1/institutions/" + code).then().statusCode(304);
        given().header("If-None-Match", "\"stale\"").get("/api/v1/institutions/" + code).then().statusCode(200);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownInstitution() {
        String code = TestData.unique("nobody").toLowerCase();
        given().get("/api/v1/institutions/" + code)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("instance", is("/api/v1/institutions/" + code))
                .body("detail", containsString(code));
    }

    private static Map<String, Object> institution(String code, String country, String kind) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Central Election Commission " + code);
        body.put("country", country);
        body.put("kind", kind);
        return body;
    }

    private static String create(String country, String kind) {
        String code = TestData.unique("inst").toLowerCase();
        given().contentType(ContentType.JSON).body(institution(code, country, kind))
                .post("/api/v1/institutions").then().statusCode(201);
        return code;
    }

    private static String etagOf(String code) {
        return given().get("/api/v1/institutions/" + code).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
    }

    /** Every code the filtered list shows, following {@code next} page by page. */
    private static List<String> codes(Map<String, String> filters, int limit) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParams(filters).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/institutions").then().statusCode(200).extract().response();
            all.addAll(page.path("items.code"));
            cursor = page.path("next");
            assertTrue(++pages < 10_000, "paging does not end");
        } while (cursor != null);
        return all;
    }
}
