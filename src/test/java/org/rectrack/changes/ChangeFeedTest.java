package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The change feed: every committed change exactly once, in order, while many clients write. */
@QuarkusTest
class ChangeFeedTest {

    static long lastPosition() {
        long after = 0;
        while (true) {
            JsonPath page = given().queryParam("after", after).queryParam("limit", 500).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            long next = Long.parseLong(page.getString("next"));
            if (next == after) {
                return after;
            }
            after = next;
        }
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
     * 8 writers make over 2,000 changes while a follower pages through the feed. The follower must
     * see every position exactly once and in order, and rebuild the same state as the database.
     */
    @Test
    void shouldNeverSkipNorReorderWhileEightClientsWrite() throws Exception {
        String report = TestData.report();
        long start = lastPosition();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<List<Map<String, Object>>> follower = pool.submit(() -> follow(start, writing));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(report, writer)));
            }
            for (Future<?> f : writers) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<Map<String, Object>> events = follower.get(5, TimeUnit.MINUTES);

            assertTrue(events.size() >= 2000, "at least 2000 changes, got " + events.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(start + i + 1, ((Number) events.get(i).get("seq")).longValue(), "event " + i + " in order, none missing");
            }
            // rebuild: the last data seen for each recommendation equals what the database holds now
            Map<String, Map<String, Object>> rebuilt = new HashMap<>();
            for (Map<String, Object> e : events) {
                if ("recommendation".equals(e.get("type"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) e.get("data");
                    rebuilt.put((String) e.get("key"), data);
                }
            }
            List<Map<String, Object>> actual = given().queryParam("report", report).queryParam("limit", 500)
                    .get("/api/v1/recommendations").then().extract().jsonPath().getList("items");
            assertEquals(actual.size(), rebuilt.size());
            for (Map<String, Object> item : actual) {
                assertEquals(item, rebuilt.get((String) item.get("reference")), "rebuilt " + item.get("reference"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One writer: creates recommendations, then alternates patches and assessments on them. */
    private static Void write(String report, int writer) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            mine.add(TestData.recommendation(report, Map.of("number", writer * 100 + i + 1)));
        }
        for (int i = 0; i < 160; i++) {
            String rec = mine.get(i % mine.size());
            if (i % 2 == 0) {
                given().contentType(ContentType.JSON)
                        .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-01-01"))
                        .post("/api/v1/recommendations/{r}/assessments", rec).then().statusCode(201);
            } else {
                String etag = given().get("/api/v1/recommendations/{r}", rec).then().extract().header("ETag");
                given().contentType("application/merge-patch+json").header("If-Match", etag)
                        .body(Map.of("text", "Revision " + i + " by writer " + writer))
                        .patch("/api/v1/recommendations/{r}", rec).then().statusCode(200);
            }
        }
        return null;
    }

    /** Follows the feed from a position until the writers are done and it has caught up. */
    private static List<Map<String, Object>> follow(long start, AtomicBoolean writing) {
        List<Map<String, Object>> events = new ArrayList<>();
        long after = start;
        while (true) {
            boolean stillWriting = writing.get();
            JsonPath page = given().queryParam("after", after).queryParam("limit", 100).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            events.addAll(page.getList("items"));
            long next = Long.parseLong(page.getString("next"));
            if (next == after && !stillWriting) {
                return events;
            }
            after = next;
        }
    }
}
