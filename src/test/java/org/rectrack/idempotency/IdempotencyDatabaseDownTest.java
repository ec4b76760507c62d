package org.rectrack.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Keys live in the database: without it, a POST with a key is a 503 to retry, like any other write. */
@QuarkusTest
@TestProfile(IdempotencyDatabaseDownTest.Unreachable.class)
class IdempotencyDatabaseDownTest {

    /** Points the service at a loopback port where no database listens (as common.DatabaseDownTest does). */
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
    void shouldAnswer503WhenTheKeyCannotBeClaimed() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "any-key")
                .body("{\"reference\":\"ANY\",\"title\":\"t\",\"issuer\":\"i\",\"country\":\"KZ\"}")
                .post("/api/v1/reports")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));
    }
}
