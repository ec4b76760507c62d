package org.rectrack.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectrack.PackagedInstance;
import org.rectrack.changes.FeedWorkload;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged service share one PostgreSQL database and both deliver webhooks:
 * 2,000 events written through both must reach a 2xx receiver exactly once each (one attempt each
 * in the log, one request each at the receiver) and in the feed's order. PostgreSQL build only.
 */
class WebhookTwoInstancesIT {

    private static final String DATABASE = PackagedInstance.databaseName("rectrack_webhooks_two");
    private static final List<PackagedInstance> instances = new ArrayList<>();
    private static final int WRITERS = 8;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        PackagedInstance.createDatabase(DATABASE);
        for (int i = 0; i < 2; i++) {
            instances.add(PackagedInstance.start("webhooks-instance-" + i, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "RECTRACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                    "RECTRACK_WEBHOOKS_RETRY_DELAYS", "1s,1s,1s",
                    "RECTRACK_RATE_LIMIT_KEY_PER_MINUTE", "1000000")));
        }
    }

    @AfterAll
    static void stopThem() throws SQLException, InterruptedException {
        for (PackagedInstance instance : instances) {
            instance.close();
        }
        PackagedInstance.dropDatabase(DATABASE);
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://" + PackagedInstance.POSTGRES + "/" + DATABASE;
    }

    private static Supplier<RequestSpecification> instance(int i) {
        return () -> instances.get(i).request();
    }

    @Test
    void shouldDeliverEachOf2000EventsExactlyOnceFromTwoInstances() throws Exception {
        String report = "HOOKS-" + System.nanoTime();
        instance(0).get().contentType(ContentType.JSON)
                .body(Map.of("reference", report, "title", "Shared", "issuer", "OSCE/ODIHR", "country", "KZ"))
                .post("/api/v1/reports").then().statusCode(201);
        try (Receiver receiver = Receiver.start()) {
            long id = instance(0).get().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/two"), "events", List.of("*"),
                            "filter", Map.of("report", List.of(report)))).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().<Integer>path("id").longValue();

            // the other instance hears of the webhook by broadcast: write through it until one of its events arrives
            int probes = 0;
            while (receiver.received().isEmpty() && probes < 20) {
                probes++;
                instance(1).get().contentType(ContentType.JSON)
                        .body(Map.of("reference", report + "-P" + probes, "report", report, "number", 9000 + probes, "text", "Probe"))
                        .post("/api/v1/recommendations").then().statusCode(201);
                receiver.awaitCount(1, 1);
            }
            assertTrue(!receiver.received().isEmpty(), "the second instance serves the new webhook");
            long start = FeedWorkload.lastPosition(instance(0));

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> FeedWorkload.write(instance(writer % 2), report, writer)));
                }
                for (Future<?> f : writers) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> feed = feedSeqs(instance(1), start);
            assertEquals(2000, feed.size(), "the writers made 2,000 events");
            long last = feed.get(feed.size() - 1);
            ObjectMapper json = new ObjectMapper();
            receiver.await(r -> r.stream().anyMatch(x -> x.body().contains("\"seq\":" + last + ",")), 180);
            Thread.sleep(3000); // a second copy of anything, if one were sent, has arrived by now

            List<Long> delivered = new ArrayList<>();
            for (Receiver.Received r : receiver.received()) {
                long seq = json.readTree(r.body()).path("seq").asLong();
                if (seq > start) {
                    delivered.add(seq);
                }
            }
            assertEquals(feed.size(), delivered.size(), "one request per event, no more");
            for (int i = 0; i < feed.size(); i++) {
                assertEquals(feed.get(i), delivered.get(i), "request " + i + ": each event once, in the feed's order");
            }
            // both instances took part: each counted some of the deliveries, and together all of them
            double first = delivered(0);
            double second = delivered(1);
            System.out.printf("deliveries by instance: %.0f and %.0f%n", first, second);
            assertTrue(first > 0 && second > 0, "both instances delivered: " + first + " and " + second);
            assertEquals(receiver.received().size(), (long) (first + second), "each request was counted by one instance");
            try (Connection db = DriverManager.getConnection(jdbcUrl(), "postgres", ""); Statement sql = db.createStatement();
                 ResultSet counts = sql.executeQuery("select count(*), count(*) filter (where d.state = 'DELIVERED'), "
                         + "(select count(*) from webhook_attempt a join webhook_delivery x on x.id = a.delivery_id "
                         + "where x.webhook_id = " + id + " and x.seq > " + start + ") "
                         + "from webhook_delivery d where d.webhook_id = " + id + " and d.seq > " + start)) {
                counts.next();
                assertEquals(2000, counts.getLong(1), "one outbox row per event");
                assertEquals(2000, counts.getLong(2), "every one delivered");
                assertEquals(2000, counts.getLong(3), "one attempt each: no instance sent an event the other had claimed");
            }
        }
    }

    /** The instance's count of delivered events, from its /q/metrics. */
    private static double delivered(int i) {
        String metrics = instances.get(i).anonymous().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("rectrack_webhook_deliveries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<Long> feedSeqs(Supplier<RequestSpecification> api, long after) {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonPath page = api.get().queryParam("after", after).queryParam("limit", 500).get("/api/v1/changes")
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
