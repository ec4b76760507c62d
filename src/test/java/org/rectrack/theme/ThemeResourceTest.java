package org.rectrack.theme;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ThemeResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** The chapters of an election observation report, seeded by the V2 migration. */
    private static final List<String> SEEDED = List.of("legal-framework", "election-administration", "voter-registration",
            "candidate-registration", "campaign-environment", "campaign-finance", "media", "complaints-and-appeals",
            "observers", "election-day", "participation-of-women", "national-minorities", "persons-with-disabilities");

    @Test
    void shouldListAllThirteenSeededThemesWithLabels() {
        Map<String, String> labels = labelsOfAllThemes();

        for (String code : SEEDED) {
            assertTrue(labels.containsKey(code), "seeded theme " + code + " is missing from " + labels.keySet());
            String label = labels.get(code);
            assertTrue(label != null && !label.isBlank(), "seeded theme " + code + " has no label");
        }
    }

    @Test
    void shouldServeEachSeededThemeByItsCode() {
        for (String code : SEEDED) {
            given().get("/api/v1/themes/" + code)
                    .then().statusCode(200)
                    .header("ETag", notNullValue())
                    .body("code", is(code))
                    .body("label", not(is("")))
                    .body("label", notNullValue())
                    .body("description", notNullValue());
        }
    }

    @Test
    void shouldCreateAThemeAndReadItBack() {
        String code = TestData.unique("voter-education").toLowerCase();

        String etag = given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "label", "Voter education", "description", "Information campaigns for voters."))
                .post("/api/v1/themes")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/themes/" + code))
                .header("ETag", notNullValue())
                .body("code", is(code))
                .body("label", is("Voter education"))
                .body("description", is("Information campaigns for voters."))
                .body("version", is(0))
                .extract().header("ETag");

        given().get("/api/v1/themes/" + code)
                .then().statusCode(200)
                .header("ETag", is(etag))
                .body("label", is("Voter education"));
        assertEquals("Voter education", labelsOfAllThemes().get(code));
    }

    @Test
    void shouldCreateAThemeWithoutADescription() {
        String code = TestData.unique("theme").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "Label only"))
                .post("/api/v1/themes")
                .then().statusCode(201)
                .body("description", nullValue());
    }

    @Test
    void shouldPageThroughThemesInCodeOrder() {
        List<String> codes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/themes").then().statusCode(200).extract().response();
            List<String> items = page.path("items.code");
            assertTrue(items.size() <= 5);
            codes.addAll(items);
            cursor = page.path("next");
            if (cursor != null) {
                assertTrue(page.header("Link").contains("rel=\"next\""), "Link: " + page.header("Link"));
            }
            pages++;
        } while (cursor != null);

        assertTrue(pages >= 3, "13 seeded themes need at least three pages of five");
        assertEquals(Set.copyOf(codes).size(), codes.size(), "no theme listed twice");
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(null);
        assertEquals(sorted, codes);
        assertTrue(codes.containsAll(SEEDED));
    }

    @Test
    void shouldRejectADuplicateCode() {
        given().contentType(ContentType.JSON).body(Map.of("code", "media", "label", "Another media"))
                .post("/api/v1/themes")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("status", is(409))
                .body("detail", containsString("media"));

        String code = theme("Original");
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "Copy"))
                .post("/api/v1/themes")
                .then().statusCode(409).contentType(PROBLEM);
        given().get("/api/v1/themes/" + code).then().statusCode(200).body("label", is("Original"));
    }

    @Test
    void shouldRejectACodeThatIsNotASlug() {
        for (String code : List.of("Bad Code", "UPPER", "-leading-dash", "under_score", "x".repeat(65))) {
            given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "Bad"))
                    .post("/api/v1/themes")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("instance", is("/api/v1/themes"))
                    .body("errors.field", is(List.of("code")));
        }
        given().get("/api/v1/themes/{code}", "Bad Code").then().statusCode(404);
        given().get("/api/v1/themes/UPPER").then().statusCode(404);
    }

    @Test
    void shouldNameEveryBadFieldOfAThemeAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "Bad Code");
        body.put("label", "");
        body.put("description", "d".repeat(2001));

        Response problem = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/themes")
                .then().statusCode(400).contentType(PROBLEM).extract().response();
        assertEquals(Set.of("code", "label", "description"), Set.copyOf(problem.<List<String>>path("errors.field")));
    }

    @Test
    void shouldPatchAThemeLabelWithIfMatch() {
        String code = theme("Old label");
        String etag = etagOf(code);

        String newEtag = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("label", "New label"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(200)
                .body("code", is(code))
                .body("label", is("New label"))
                .body("description", is("About " + code))
                .body("version", is(1))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);

        given().get("/api/v1/themes/" + code)
                .then().statusCode(200)
                .header("ETag", is(newEtag))
                .body("label", is("New label"));
    }

    @Test
    void shouldRemoveADescriptionWithNullInAPatch() {
        String code = theme("Label");

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(code))
                .body("{\"description\": null}")
                .patch("/api/v1/themes/" + code)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("label", is("Label"));
    }

    @Test
    void shouldRequireACurrentIfMatchToPatchATheme() {
        String code = theme("Label");
        String stale = etagOf(code);
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("label", "First"))
                .patch("/api/v1/themes/" + code).then().statusCode(200);

        given().contentType(MERGE_PATCH).body(Map.of("label", "No precondition"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(428).contentType(PROBLEM).body("status", is(428));
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("label", "Stale"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(412).contentType(PROBLEM).body("status", is(412));

        given().get("/api/v1/themes/" + code).then().statusCode(200).body("label", is("First")).body("version", is(1));
    }

    @Test
    void shouldRejectAPatchOfTheCodeNamingIt() {
        String code = theme("Label");
        String etag = etagOf(code);

        given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("code", "renamed-" + code, "label", "Sneaked in"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("instance", is("/api/v1/themes/" + code))
                .body("errors.field", is(List.of("code")));

        given().get("/api/v1/themes/" + code).then().statusCode(200).header("ETag", is(etag)).body("label", is("Label"));
        given().get("/api/v1/themes/renamed-" + code).then().statusCode(404);
    }

    @Test
    void shouldRejectAPatchOfServerFieldsOrUnknownFields() {
        String code = theme("Label");
        String etag = etagOf(code);

        Response problem = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("version", 9, "updatedAt", "2020-01-01T00:00:00Z", "colour", "red"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(400).contentType(PROBLEM).extract().response();
        assertEquals(Set.of("version", "updatedAt", "colour"), Set.copyOf(problem.<List<String>>path("errors.field")));
        given().get("/api/v1/themes/" + code).then().statusCode(200).header("ETag", is(etag));
    }

    @Test
    void shouldRejectABlankLabelInAPatch() {
        String code = theme("Label");
        String etag = etagOf(code);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"label\": null}")
                .patch("/api/v1/themes/" + code)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", is(List.of("label")));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("label", "  "))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", is(List.of("label")));
        given().get("/api/v1/themes/" + code).then().statusCode(200).header("ETag", is(etag)).body("label", is("Label"));
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentETagOfAnItem() {
        String code = theme("Label");
        String etag = etagOf(code);

        given().header("If-None-Match", etag).get("/api/v1/themes/" + code).then().statusCode(304);
        given().header("If-None-Match", "\"stale\"").get("/api/v1/themes/" + code).then().statusCode(200);
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("label", "Changed"))
                .patch("/api/v1/themes/" + code).then().statusCode(200);
        given().header("If-None-Match", etag).get("/api/v1/themes/" + code).then().statusCode(200).body("label", is("Changed"));
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentETagOfTheList() {
        String etag = given().queryParam("limit", 500).get("/api/v1/themes")
                .then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
        given().queryParam("limit", 500).header("If-None-Match", etag).get("/api/v1/themes").then().statusCode(304);

        // a code starting with a digit sorts before every seeded theme, so it lands on the first page
        String code = TestData.unique("0").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "First in order"))
                .post("/api/v1/themes").then().statusCode(201);
        given().queryParam("limit", 500).header("If-None-Match", etag).get("/api/v1/themes")
                .then().statusCode(200).header("ETag", not(is(etag)));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownTheme() {
        String code = TestData.unique("no-theme").toLowerCase();
        given().get("/api/v1/themes/" + code)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("instance", is("/api/v1/themes/" + code))
                .body("detail", containsString(code));
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body(Map.of("label", "x"))
                .patch("/api/v1/themes/" + code)
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/themes/" + code).then().statusCode(404);
    }

    private static String theme(String label) {
        String code = TestData.unique("theme").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", label, "description", "About " + code))
                .post("/api/v1/themes").then().statusCode(201);
        return code;
    }

    private static String etagOf(String code) {
        return given().get("/api/v1/themes/" + code).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
    }

    /** Code → label of every theme, following {@code next} to the end. */
    private static Map<String, String> labelsOfAllThemes() {
        Map<String, String> labels = new LinkedHashMap<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/themes").then().statusCode(200).extract().response();
            List<String> codes = page.path("items.code");
            List<String> labelList = page.path("items.label");
            for (int i = 0; i < codes.size(); i++) {
                labels.put(codes.get(i), labelList.get(i));
            }
            cursor = page.path("next");
        } while (cursor != null);
        return labels;
    }
}
