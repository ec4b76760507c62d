package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.GenericJDBCException;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

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

    /**
     * Idempotency keys live in the database too: a POST with one is a 503 to retry, even to a route
     * that needs no database (the test route below answers 500 on its first call, 201 after).
     */
    @Test
    void shouldAnswer503WhenAnIdempotencyKeyCannotBeClaimed() {
        given().contentType("application/json").header("Idempotency-Key", "any-key")
                .body("{\"name\":\"" + TestData.unique("down") + "\"}")
                .post("/api/test/idempotency/flaky")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));
    }

    /**
     * Which failure a request meets depends on timing: a refused connection, or the pool timing out
     * while another caller is connecting. Both mean "unavailable".
     */
    @Test
    void shouldTreatAPoolTimeoutAsUnavailable() {
        var timeout = new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()));
        var refused = new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Connection refused", "08001"));

        assertEquals(503, ProblemMapper.toProblem(timeout).status());
        assertEquals(503, ProblemMapper.toProblem(refused).status());
        assertEquals(500, ProblemMapper.toProblem(new GenericJDBCException("other", new SQLException("other"))).status());
    }

    @Test
    void shouldReportNotReady() {
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
    }
}
