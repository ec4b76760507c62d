package org.rectrack.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Eight writers at once make 2,000 events; a webhook that takes them all must get every one exactly
 * once (its receiver always answers 2xx) and in the feed's order, the same events the feed lists.
 */
@QuarkusTest
@TestProfile(DeliveryProfile.class)
class WebhookOrderTest {

    private static final int WRITERS = 8;
    /** Per writer: 10 creations (1 event each), 80 assessments (2 each: the entry and its recommendation), 80 patches. */
    private static final int EVENTS_PER_WRITER = 10 + 80 * 2 + 80;

    @Test
    void shouldDeliverEveryEventOnceAndInOrderUnderEightConcurrentWriters() throws Exception {
        String report = TestData.report();
        long id = -1;
        try (Receiver receiver = Receiver.start()) {
            id = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/order"), "events", List.of("*"),
                            "filter", Map.of("report", List.of(report)))).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().<Integer>path("id").longValue();
            long webhook = id;
            long start = feedEnd();

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> write(report, writer)));
                }
                for (Future<?> f : writers) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            int total = WRITERS * EVENTS_PER_WRITER;
            List<Receiver.Received> got = receiver.awaitCount(total, 120);
            Thread.sleep(1500); // a repeat, if any, has arrived by now
            got = receiver.received();

            List<Long> feed = feedSeqs(start);
            assertEquals(total, feed.size(), "the writers made " + total + " events");
            ObjectMapper json = new ObjectMapper();
            List<Long> delivered = new ArrayList<>();
            for (Receiver.Received r : got) {
                JsonNode event = json.readTree(r.body());
                delivered.add(event.path("seq").asLong());
                assertEquals("msg_" + webhook + "_" + event.path("seq").asLong(), r.header("webhook-id"));
            }
            assertEquals(feed.size(), delivered.size(), "as many deliveries as events");
            for (int i = 0; i < feed.size(); i++) {
                assertEquals(feed.get(i), delivered.get(i), "delivery " + i + ": every event of the feed, once each, in the feed's order");
            }
            for (int i = 1; i < delivered.size(); i++) {
                assertTrue(delivered.get(i) > delivered.get(i - 1), "in seq order at " + i);
            }
        } finally {
            if (id > 0) {
                given().delete("/api/v1/webhooks/{id}", id); // no later test's events are owed to it
            }
        }
    }

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

    private static long feedEnd() {
        long after = 0;
        while (true) {
            long next = Long.parseLong(given().queryParam("after", after).queryParam("limit", 500).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath().getString("next"));
            if (next == after) {
                return after;
            }
            after = next;
        }
    }

    private static List<Long> feedSeqs(long after) {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonPath page = given().queryParam("after", after).queryParam("limit", 500).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Number> items = page.getList("items.seq");
            if (items.isEmpty()) {
                return seqs;
            }
            items.forEach(n -> seqs.add(n.longValue()));
            after = Long.parseLong(page.getString("next"));
        }
    }
}
