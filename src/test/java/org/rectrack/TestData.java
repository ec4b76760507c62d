package org.rectrack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Creates items through the public API, each with a fresh key, so tests never depend on each other. */
public final class TestData {

    private TestData() {
    }

    /** A key no other test uses: {@code PREFIX-1a2b3c4d}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String report() {
        return report("KZ");
    }

    public static String report(String country) {
        String reference = unique("RPT");
        given().contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "title", "Final report " + reference, "issuer", "OSCE/ODIHR",
                        "country", country, "kind", "final report", "electionDate", "2021-01-10"))
                .post("/api/v1/reports").then().statusCode(201);
        return reference;
    }

    public static String institution() {
        String code = unique("inst").toLowerCase();
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Institution " + code, "country", "KZ", "kind", "ELECTION_ADMINISTRATION"))
                .post("/api/v1/institutions").then().statusCode(201);
        return code;
    }

    /** A recommendation with the given extra fields (which override the defaults). */
    public static String recommendation(String report, Map<String, Object> fields) {
        String reference = (String) fields.getOrDefault("reference", unique(report + "-R"));
        Map<String, Object> body = new java.util.HashMap<>(Map.of("reference", reference, "report", report,
                "number", 1, "text", "The law should be amended " + reference, "themes", List.of("legal-framework")));
        body.putAll(fields);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/recommendations").then().statusCode(201);
        return reference;
    }

    public static String recommendation(String report) {
        return recommendation(report, Map.of());
    }

    /** Records an assessment and returns nothing; the test reads what it needs back. */
    public static void assessment(String recommendation, String assessorType, String status, String assessedOn) {
        given().contentType(ContentType.JSON)
                .body(Map.of("status", status, "assessorType", assessorType, "assessedOn", assessedOn))
                .post("/api/v1/recommendations/{ref}/assessments", recommendation).then().statusCode(201);
    }

    /** A problem+json answer with this status, about a recommendation or one of its histories. */
    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", startsWith("/api/v1/recommendations"));
    }
}
