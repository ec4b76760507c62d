package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The …Patch schemas say what a generated client may send: one field alone, and null exactly where it
 * clears. Each field of each schema, as served, is sent as null to the server, which must agree.
 */
@QuarkusTest
class MergePatchSchemaTest {

    private static JsonNode schemas() throws IOException {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        return new ObjectMapper(new YAMLFactory()).readTree(served).path("components").path("schemas");
    }

    private static boolean nullable(JsonNode property) {
        List<JsonNode> options = new ArrayList<>();
        property.path("type").forEach(options::add);
        property.path("anyOf").forEach(a -> options.add(a.path("type")));
        return options.stream().anyMatch(t -> "null".equals(t.asText()));
    }

    private static Response patch(String path, String tag, Object body) {
        return given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", tag).body(body).patch(path);
    }

    private static String tag(String path) {
        return given().get(path).then().statusCode(200).extract().header("ETag");
    }

    /** Sends each field of the schema as null, alone: 200 when the schema says nullable, else a 400 naming it. */
    private static void eachFieldAsNull(JsonNode schema, String path) {
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            Map<String, Object> body = new HashMap<>();
            body.put(field, null);
            Response answer = patch(path, tag(path), body);
            boolean nullable = nullable(schema.path("properties").path(field));
            assertEquals(nullable ? 200 : 400, answer.statusCode(), path + ": {\"" + field + "\": null} " + answer.asString());
            if (!nullable) {
                answer.then().contentType("application/problem+json").body("errors[0].field", equalTo(field));
            }
        }
    }

    @Test
    void shouldAcceptNullExactlyWhereEachPatchSchemaSaysSo() throws IOException {
        JsonNode schemas = schemas();
        String report = TestData.report();
        eachFieldAsNull(schemas.path("ReportPatch"), "/api/v1/reports/" + report);
        eachFieldAsNull(schemas.path("RecommendationPatch"), "/api/v1/recommendations/" + TestData.recommendation(report));
        eachFieldAsNull(schemas.path("InstitutionPatch"), "/api/v1/institutions/" + TestData.institution());
        String theme = TestData.unique("theme").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("code", theme, "label", "Theme " + theme, "description", "About it"))
                .post("/api/v1/themes").then().statusCode(201);
        eachFieldAsNull(schemas.path("ThemePatch"), "/api/v1/themes/" + theme);

        // private targets are off here: a documentation address (RFC 5737), with a filter no event passes (until null clears it)
        Object webhook = given().contentType(ContentType.JSON).body(Map.of("url", "https://203.0.113.10/patch", "events", List.of("theme"),
                "filter", Map.of("theme", List.of("no-such-theme")))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        try {
            eachFieldAsNull(schemas.path("WebhookPatch"), "/api/v1/webhooks/" + webhook);
        } finally {
            given().delete("/api/v1/webhooks/{id}", webhook).then().statusCode(204);
        }
    }

    @Test
    void shouldRefuseTheKeyThatNoPatchSchemaHas() throws IOException {
        JsonNode schemas = schemas();
        String report = TestData.report();
        assertEquals(true, schemas.path("ReportPatch").path("properties").path("reference").isMissingNode());
        String path = "/api/v1/reports/" + report;
        patch(path, tag(path), Map.of("reference", "OTHER-1")).then().statusCode(400)
                .body("errors[0].field", equalTo("reference"));
    }

    @Test
    void shouldChangeOneFieldAloneAndClearAnOptionalOneWithNull() {
        String report = TestData.report();
        String path = "/api/v1/reports/" + report;
        patch(path, tag(path), Map.of("url", "https://www.osce.org/odihr/elections/kazakhstan")).then().statusCode(200)
                .body("url", equalTo("https://www.osce.org/odihr/elections/kazakhstan"))
                .body("title", equalTo("Final report " + report)).body("kind", equalTo("final report"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("url", null);
        patch(path, tag(path), clear).then().statusCode(200).body("url", nullValue()).body("kind", equalTo("final report"));
        given().get(path).then().statusCode(200).body("url", nullValue()).body("electionDate", equalTo("2021-01-10"));

        String recommendation = "/api/v1/recommendations/" + TestData.recommendation(report, Map.of("targetDate", "2027-12-31"));
        Map<String, Object> noDate = new HashMap<>();
        noDate.put("targetDate", null);
        patch(recommendation, tag(recommendation), noDate).then().statusCode(200)
                .body("targetDate", nullValue()).body("number", equalTo(1));
    }
}
