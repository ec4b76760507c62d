package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;

/** A page of recommendations costs a fixed number of SQL statements, whatever its size. */
@QuarkusTest
class StatementCountTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void shouldReadAPageInAFixedNumberOfStatements() {
        String report = TestData.report();
        String institution = TestData.institution();
        // the repeated recommendation lives in another report, so no page below already holds it
        String earlier = TestData.recommendation(TestData.report());
        for (int i = 1; i <= 60; i++) {
            String ref = TestData.recommendation(report, Map.of("number", i, "addressees", List.of(institution),
                    "themes", List.of("media", "election-day"), "repeats", earlier, "targetDate", "2022-01-01"));
            TestData.assessment(ref, "ISSUER", "PARTIALLY_IMPLEMENTED", "2023-06-20");
            TestData.assessment(ref, "GOVERNMENT", "FULLY_IMPLEMENTED", "2022-11-30");
            given().contentType("application/json")
                    .body(Map.of("institution", institution, "stage", "IN_PROGRESS", "summary", "Drafted", "reportedOn", "2022-05-01"))
                    .post("/api/v1/recommendations/{r}/progress-updates", ref).then().statusCode(201);
        }

        long ten = statementsFor(report, 10);
        long fifty = statementsFor(report, 50);

        System.out.printf("statements: page of 10 = %d, page of 50 = %d%n", ten, fifty);
        assertEquals(ten, fifty, "the statement count must not grow with the page size");
        assertTrue(fifty <= 6, "a page should cost at most 6 statements, was " + fifty);
    }

    private long statementsFor(String report, int limit) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("report", report).queryParam("limit", limit).get("/api/v1/recommendations")
                .then().statusCode(200).body("items", hasSize(limit));
        return statistics.getPrepareStatementCount();
    }
}
