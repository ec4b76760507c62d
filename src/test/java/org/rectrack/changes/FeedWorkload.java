package org.rectrack.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The feed's hard case, shared by the single-instance test and the two-instance one: writers that
 * create, patch and assess recommendations, and followers that page through the feed meanwhile.
 */
public final class FeedWorkload {

    /** Rounds of work per writer: 10 creations, then 160 alternating assessments and patches (250 events). */
    public static final int ROUNDS = 160;

    private FeedWorkload() {
    }

    /** The feed's current end, found by following it from the start. */
    public static long lastPosition(Supplier<RequestSpecification> api) {
        long after = 0;
        while (true) {
            long next = Long.parseLong(api.get().queryParam("after", after).queryParam("limit", 500)
                    .get("/api/v1/changes").then().statusCode(200).extract().jsonPath().getString("next"));
            if (next == after) {
                return after;
            }
            after = next;
        }
    }

    public static Void write(Supplier<RequestSpecification> api, String report, int writer) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String reference = report + "-W" + writer + "-" + i;
            api.get().contentType(ContentType.JSON)
                    .body(Map.of("reference", reference, "report", report, "number", writer * 100 + i + 1,
                            "text", "Recommendation " + reference))
                    .post("/api/v1/recommendations").then().statusCode(201);
            mine.add(reference);
        }
        for (int i = 0; i < ROUNDS; i++) {
            String rec = mine.get(i % mine.size());
            if (i % 2 == 0) {
                api.get().contentType(ContentType.JSON)
                        .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-01-01"))
                        .post("/api/v1/recommendations/{r}/assessments", rec).then().statusCode(201);
            } else {
                String etag = api.get().get("/api/v1/recommendations/{r}", rec).then().extract().header("ETag");
                api.get().contentType("application/merge-patch+json").header("If-Match", etag)
                        .body(Map.of("text", "Revision " + i + " by writer " + writer))
                        .patch("/api/v1/recommendations/{r}", rec).then().statusCode(200);
            }
        }
        return null;
    }

    /** Follows the feed from a position until the writers are done and it has caught up. */
    static List<Map<String, Object>> follow(Supplier<RequestSpecification> api, long start, AtomicBoolean writing) {
        List<Map<String, Object>> events = new ArrayList<>();
        long after = start;
        while (true) {
            boolean stillWriting = writing.get();
            JsonPath page = api.get().queryParam("after", after).queryParam("limit", 100).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            events.addAll(page.getList("items"));
            long next = Long.parseLong(page.getString("next"));
            if (next == after && !stillWriting) {
                return events;
            }
            after = next;
        }
    }

    /** Every position after {@code start} exactly once and in order. */
    static void assertGapFreeAndOrdered(long start, List<Map<String, Object>> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(start + i + 1, ((Number) events.get(i).get("seq")).longValue(), "event " + i + " in order, none missing");
        }
    }

    /** The last data the feed gave for each recommendation. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> rebuild(List<Map<String, Object>> events) {
        Map<String, Map<String, Object>> state = new HashMap<>();
        for (Map<String, Object> e : events) {
            if ("recommendation".equals(e.get("type"))) {
                state.put((String) e.get("key"), (Map<String, Object>) e.get("data"));
            }
        }
        return state;
    }

    /** The rebuilt state equals what the database holds now. */
    static void assertRebuiltStateMatches(Supplier<RequestSpecification> api, String report, List<Map<String, Object>> events) {
        Map<String, Map<String, Object>> rebuilt = rebuild(events);
        List<Map<String, Object>> actual = api.get().queryParam("report", report).queryParam("limit", 500)
                .get("/api/v1/recommendations").then().extract().jsonPath().getList("items");
        assertEquals(actual.size(), rebuilt.size());
        for (Map<String, Object> item : actual) {
            assertEquals(item, rebuilt.get((String) item.get("reference")), "rebuilt " + item.get("reference"));
        }
    }
}
