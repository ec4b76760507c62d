package org.rectrack.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With demo data enabled, an empty database starts with the Kazakhstan example to explore. */
@QuarkusTest
@TestProfile(DemoDataTest.Enabled.class)
class DemoDataTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rectrack.demo-data.enabled", "true");
        }
    }

    @Inject
    DemoData demoData;

    @Test
    void shouldLoadTheKazakhstanReportWithItsRecommendations() {
        given().get("/api/v1/reports/KZ-2021-PARL").then().statusCode(200)
                .body("issuer", equalTo("OSCE/ODIHR")).body("electionDate", equalTo("2021-01-10"));
        given().queryParam("report", "KZ-2021-PARL").queryParam("limit", 500).get("/api/v1/recommendations")
                .then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(20))
                .body("items.priority", hasItems(true, false))
                .body("items.addressees.flatten()", hasItems("kz-cec", "kz-majilis"))
                .body("items.status", hasItems("PARTIALLY_IMPLEMENTED", "NOT_ASSESSED"));
        given().queryParam("report", "KZ-2023-PARL").get("/api/v1/recommendations")
                .then().statusCode(200).body("items.repeats", hasItem("KZ-2021-PARL-R02"));
        given().get("/api/v1/institutions/kz-cec").then().statusCode(200).body("kind", equalTo("ELECTION_ADMINISTRATION"));
    }

    @Test
    void shouldShowAssessmentsAndProgressFromTheReforms() {
        given().get("/api/v1/recommendations/KZ-2021-PARL-R02/assessments").then().statusCode(200)
                .body("items.assessorType", hasItems("ISSUER", "GOVERNMENT"))
                .body("items.recordedBy", everyItem(equalTo("system")));
        given().get("/api/v1/recommendations/KZ-2021-PARL-R02/progress-updates").then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1));
    }

    @Test
    void shouldNotLoadTwice() throws Exception {
        assertFalse(demoData.loadIntoEmptyDatabase(), "a database with data is left alone");
    }
}
