package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The change feed: every committed change exactly once, in order, while many clients write. */
@QuarkusTest
class ChangeFeedTest {

    static long lastPosition() {
        return FeedWorkload.lastPosition(RestAssured::given);
    }

    @Test
    void shouldRecordCreationsAndUpdatesWithTheItemAsItNowIs() {
        long start = lastPosition();
        String report = TestData.report();
        String etag = given().get("/api/v1/reports/{r}", report).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("title", "Renamed"))
                .patch("/api/v1/reports/{r}", report).then().statusCode(200);

        given().queryParam("after", start).get("/api/v1/changes").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("after=" + (start + 2)))
                .body("items.seq", equalTo(List.of((int) start + 1, (int) start + 2)))
                .body("items.type", equalTo(List.of("report", "report")))
                .body("items.action", equalTo(List.of("created", "updated")))
                .body("items.key", equalTo(List.of(report, report)))
                .body("items[0].data.title", equalTo("Renamed"))
                .body("next", equalTo(Long.toString(start + 2)));
        given().queryParam("after", start + 2).get("/api/v1/changes").then()
                .body("items.size()", equalTo(0)).body("next", equalTo(Long.toString(start + 2)));
    }

    @Test
    void shouldRecordAnAssessmentAndTheRecommendationItChanged() {
        String rec = TestData.recommendation(TestData.report());
        long start = lastPosition();
        TestData.assessment(rec, "ISSUER", "FULLY_IMPLEMENTED", "2023-01-01");
        given().queryParam("after", start).get("/api/v1/changes").then()
                .body("items.type", equalTo(List.of("assessment", "recommendation")))
                .body("items[0].data.recommendation", equalTo(rec))
                .body("items[1].data.status", equalTo("FULLY_IMPLEMENTED"));
        given().queryParam("after", start).queryParam("type", "recommendation").get("/api/v1/changes").then()
                .body("items.type", equalTo(List.of("recommendation")));
    }

    @Test
    void shouldRejectBadPositionsAndTypes() {
        given().queryParam("after", "-1").queryParam("type", "planet").get("/api/v1/changes").then().statusCode(400)
                .body("errors.field", equalTo(List.of("after", "type")));
    }

    /**
     * 8 writers make 2,000 changes while a follower pages through the feed. The follower must see
     * every position exactly once and in order, and rebuild the same state as the database.
     */
    @Test
    void shouldNeverSkipNorReorderWhileEightClientsWrite() throws Exception {
        String report = TestData.report();
        long start = lastPosition();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<List<Map<String, Object>>> follower = pool.submit(() -> FeedWorkload.follow(RestAssured::given, start, writing));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> FeedWorkload.write(RestAssured::given, report, writer)));
            }
            for (Future<?> f : writers) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<Map<String, Object>> events = follower.get(5, TimeUnit.MINUTES);

            assertTrue(events.size() >= 2000, "at least 2000 changes, got " + events.size());
            FeedWorkload.assertGapFreeAndOrdered(start, events);
            FeedWorkload.assertRebuiltStateMatches(RestAssured::given, report, events);
        } finally {
            pool.shutdownNow();
        }
    }
}
