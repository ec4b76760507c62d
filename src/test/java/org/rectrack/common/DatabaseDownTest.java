package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the database unreachable, requests get a 503 problem with Retry-After and readiness reports down. */
@QuarkusTest
@TestProfile(DatabaseDownTest.Unreachable.class)
class DatabaseDownTest {

    /** Points the service at a loopback port where no database listens. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            boolean postgres = "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres ? "jdbc:postgresql://127.0.0.1:9/none" : "jdbc:h2:tcp://127.0.0.1:9/none",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        }
    }

    @Test
    void shouldAnswer503ProblemWhenTheDatabaseIsDown() {
        given().get("/api/v1/reports/ANY")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("status", equalTo(503))
                .body(not(containsString("Exception")))
                .body(not(containsString("jdbc")));
    }

    /** Idempotency keys live in the database too: a POST with one is a 503 to retry, like any write. */
    @Test
    void shouldAnswer503WhenAnIdempotencyKeyCannotBeClaimed() {
        given().contentType("application/json").header("Idempotency-Key", "any-key")
                .body("{\"reference\":\"ANY\",\"title\":\"t\",\"issuer\":\"i\",\"country\":\"KZ\"}")
                .post("/api/v1/reports")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));
    }

    @Test
    void shouldReportNotReady() {
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
    }
}
