package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;
import org.rectrack.TestKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Dashboards poll: an unchanged list or statistic is a 304 that costs no query at all. */
@QuarkusTest
class PollingTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void shouldAnswerAnUnchangedListWith304WithoutAStatement() {
        String report = TestData.report();
        TestData.recommendation(report);
        String etag = given().queryParam("report", report).get("/api/v1/recommendations").then().statusCode(200)
                .header("Cache-Control", "no-cache").extract().header("ETag");
        assertEquals(etag, given().queryParam("report", report).get("/api/v1/recommendations").then().extract().header("ETag"),
                "the same data gives the same tag");

        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("report", report).header("If-None-Match", etag).get("/api/v1/recommendations")
                .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        assertEquals(0, statistics.getPrepareStatementCount(), "a 304 needs no statement");
    }

    /**
     * Whoever polls, the 304 is free: a key is checked against the keys held in memory, a key made
     * through the API (and used for the first time) as much as the bootstrap one, and no caller at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "reader", "reporter", "bootstrap admin"})
    void shouldAnswerAnAuthenticated304WithoutAStatement(String caller) {
        String report = TestData.report();
        TestData.recommendation(report);
        RequestSpecification who = switch (caller) {
            case "anonymous" -> TestKeys.anonymous();
            case "bootstrap admin" -> TestKeys.as(TestKeys.ADMIN);
            case "reporter" -> TestKeys.as(TestKeys.create("reporter", TestData.institution()));
            default -> TestKeys.as(TestKeys.create(caller));
        };
        String etag = given().spec(who).queryParam("report", report).get("/api/v1/recommendations").then().statusCode(200)
                .extract().header("ETag");
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().spec(who).queryParam("report", report).header("If-None-Match", etag).get("/api/v1/recommendations")
                .then().statusCode(304);
        assertEquals(0, statistics.getPrepareStatementCount(), "a 304 for a " + caller + " needs no statement");
    }

    /** Statistics, the timeline and the change feed are tagged the same way: their 304 needs no statement either. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/stats?groupBy=theme", "/api/v1/stats/timeline?interval=quarter", "/api/v1/changes?after=0&limit=5"})
    void shouldAnswerEveryUnchangedFeedTaggedViewWith304WithoutAStatement(String path) {
        TestData.recommendation(TestData.report());
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");

        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().header("If-None-Match", etag).get(path).then().statusCode(304).body(emptyString());
        assertEquals(0, statistics.getPrepareStatementCount(), "a 304 of " + path + " needs no statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/reports", "/api/v1/stats?groupBy=theme", "/api/v1/changes?limit=5"})
    void shouldTagAHeadAsItsGet(String path) {
        TestData.recommendation(TestData.report());
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");

        given().head(path).then().statusCode(200).header("ETag", equalTo(etag));
        given().header("If-None-Match", etag).head(path).then().statusCode(304);
    }

    @Test
    void shouldAnswer200WithANewTagOnceAnythingChanged() {
        String report = TestData.report();
        String etag = given().get("/api/v1/stats?report=" + report).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/stats?report=" + report).then().statusCode(304);

        TestData.recommendation(report);

        String fresh = given().header("If-None-Match", etag).get("/api/v1/stats?report=" + report).then()
                .statusCode(200).body("total.total", equalTo(1)).extract().header("ETag");
        assertNotEquals(etag, fresh);
    }

    /**
     * Polls share their reads of the feed position; still, a poll sent after a write has completed
     * never gets a 304 for the data before it, however many other polls run at the same time.
     */
    @Test
    void shouldNeverRevalidateDataOlderThanACompletedWrite() throws Exception {
        String report = TestData.report();
        ExecutorService pollers = Executors.newFixedThreadPool(8);
        AtomicBoolean polling = new AtomicBoolean(true);
        try {
            for (int i = 0; i < 8; i++) {
                pollers.submit(() -> {
                    while (polling.get()) {
                        given().get("/api/v1/stats?report=" + report).then().statusCode(200);
                    }
                    return null;
                });
            }
            for (int i = 1; i <= 10; i++) {
                String etag = given().get("/api/v1/stats?report=" + report).then().statusCode(200).extract().header("ETag");
                TestData.recommendation(report);
                given().header("If-None-Match", etag).get("/api/v1/stats?report=" + report).then()
                        .statusCode(200).body("total.total", equalTo(i));
            }
        } finally {
            polling.set(false);
            pollers.shutdown();
            pollers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Many screens ask the same question: between two writes it is answered by one computation,
     * however many ask and whether or not they send a tag.
     */
    @Test
    void shouldComputeAStatisticOncePerChange() throws Exception {
        String report = TestData.report();
        TestData.recommendation(report);
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get("/api/v1/stats?groupBy=theme&report=" + report).then().statusCode(200);
        long one = statistics.getPrepareStatementCount();
        assertTrue(one > 0, "the first ask runs the query");

        TestData.recommendation(report);
        statistics.clear();
        ExecutorService screens = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(screens.submit(() -> given().get("/api/v1/stats?groupBy=theme&report=" + report)
                        .then().statusCode(200).body("total.total", equalTo(2)).extract().asString()));
            }
            for (Future<String> answer : answers) {
                assertEquals(answers.get(0).get(), answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            screens.shutdown();
        }
        assertEquals(one, statistics.getPrepareStatementCount(), "16 screens asking cost what one did");
    }

    @Test
    void shouldTagEachQueryApart() {
        String report = TestData.report();
        String all = given().queryParam("report", report).get("/api/v1/recommendations").then().extract().header("ETag");
        given().queryParam("report", report).queryParam("priority", "true").header("If-None-Match", all)
                .get("/api/v1/recommendations").then().statusCode(200).header("ETag", not(equalTo(all)));
    }
}
