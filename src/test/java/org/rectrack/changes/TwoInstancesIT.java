package org.rectrack.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectrack.PackagedInstance;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged service share one PostgreSQL database: writers spread over both,
 * a follower on each. Both followers must see the same feed, every position once and in order.
 * Runs in the PostgreSQL build only (failsafe, after the jar is packaged): H2 is embedded in one process.
 */
class TwoInstancesIT {

    private static final String DATABASE = PackagedInstance.databaseName("rectrack_two_instances");
    private static final int INSTANCES = 2;
    private static final List<PackagedInstance> instances = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        PackagedInstance.createDatabase(DATABASE);
        for (int i = 0; i < INSTANCES; i++) {
            // one at a time: the first migrates the schema
            instances.add(PackagedInstance.start("instance-" + i, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + PackagedInstance.POSTGRES + "/" + DATABASE,
                    "QUARKUS_DATASOURCE_USERNAME", "postgres")));
        }
    }

    @AfterAll
    static void stopThem() throws SQLException, InterruptedException {
        for (PackagedInstance instance : instances) {
            instance.close();
        }
        PackagedInstance.dropDatabase(DATABASE);
    }

    private static Supplier<RequestSpecification> instance(int i) {
        return () -> instances.get(i).request();
    }

    private static String report(Supplier<RequestSpecification> instance, String prefix) {
        String reference = prefix + System.nanoTime();
        instance.get().contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "title", "Shared", "issuer", "OSCE/ODIHR", "country", "KZ"))
                .post("/api/v1/reports").then().statusCode(201);
        return reference;
    }

    /**
     * Each instance knows the feed's position without a query: its own commits move it, and the
     * other's arrive as notifications. A poll on one instance must see a write made through the
     * other, also after the listening connection was cut (until it is back, polls read the database).
     */
    @Test
    void shouldRevalidateAgainstWritesMadeThroughTheOtherInstance() throws Exception {
        String report = report(instance(0), "POLL-");
        for (int round = 1; round <= 2; round++) {
            if (round == 2) {
                try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PackagedInstance.POSTGRES + "/" + DATABASE, "postgres", "");
                     Statement sql = admin.createStatement()) {
                    sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'rectrack-feed-listener'");
                }
            }
            String etag = instance(1).get().get("/api/v1/stats?report=" + report).then().statusCode(200).extract().header("ETag");
            instance(1).get().header("If-None-Match", etag).get("/api/v1/stats?report=" + report).then().statusCode(304);

            instance(0).get().contentType(ContentType.JSON)
                    .body(Map.of("reference", report + "-" + round, "report", report, "number", round,
                            "text", "Seen by the other instance", "themes", List.of("legal-framework")))
                    .post("/api/v1/recommendations").then().statusCode(201);

            int status = 304;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (status == 304 && System.nanoTime() < deadline) {
                status = instance(1).get().header("If-None-Match", etag).get("/api/v1/stats?report=" + report).statusCode();
                if (status == 304) {
                    Thread.sleep(20);
                }
            }
            assertEquals(200, status, "round " + round + ": a write through the other instance shows within 5 s");
            int total = instance(1).get().get("/api/v1/stats?report=" + report).then().extract().path("total.total");
            assertEquals(round, total);
        }
    }

    /** A key revoked through one instance is refused by the other within 5 s (DESIGN.md "Security"). */
    @Test
    void shouldRefuseARevokedKeyOnEveryInstanceWithin5Seconds() throws Exception {
        var created = instance(0).get().contentType(ContentType.JSON).body(Map.of("name", "two-instances", "role", "reader"))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            // the other instance hears of the new key by broadcast
            status = instances.get(1).anonymous().header("Authorization", "Bearer " + key).get("/api/v1/me").statusCode();
        } while (status != 200 && System.nanoTime() < deadline && pause());
        assertEquals(200, status, "the new key works on the other instance within 5 s");

        instance(0).get().delete("/api/v1/api-keys/{id}", created.<Integer>path("id")).then().statusCode(204);
        long revoked = System.nanoTime();
        do {
            status = instances.get(1).anonymous().header("Authorization", "Bearer " + key).get("/api/v1/me").statusCode();
        } while (status != 401 && System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(5) && pause());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
        System.out.printf("revocation reached the other instance in %d ms%n", millis);
        assertEquals(401, status, "the revoked key is refused on the other instance within 5 s");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    @Test
    void shouldGiveBothInstancesTheSameGapFreeFeed() throws Exception {
        String report = report(instance(0), "TWO-");
        long start = FeedWorkload.lastPosition(instance(1));

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            Future<List<Map<String, Object>>> onFirst = pool.submit(() -> FeedWorkload.follow(instance(0), start, writing));
            Future<List<Map<String, Object>>> onSecond = pool.submit(() -> FeedWorkload.follow(instance(1), start, writing));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> FeedWorkload.write(instance(writer % 2), report, writer)));
            }
            for (Future<?> f : writers) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<Map<String, Object>> first = onFirst.get(5, TimeUnit.MINUTES);
            List<Map<String, Object>> second = onSecond.get(5, TimeUnit.MINUTES);

            assertTrue(first.size() >= 2000, "at least 2000 changes, got " + first.size());
            FeedWorkload.assertGapFreeAndOrdered(start, first);
            FeedWorkload.assertGapFreeAndOrdered(start, second);
            assertEquals(first.stream().map(e -> e.get("seq") + e.get("type").toString() + e.get("key")).toList(),
                    second.stream().map(e -> e.get("seq") + e.get("type").toString() + e.get("key")).toList(),
                    "both instances serve the same feed");
            FeedWorkload.assertRebuiltStateMatches(instance(1), report, first);
        } finally {
            pool.shutdownNow();
        }
    }
}
