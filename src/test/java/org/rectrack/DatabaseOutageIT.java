package org.rectrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL goes away under load and comes back: a cluster of its own on a free loopback port
 * (created with Debian's {@code pg_createcluster}, removed afterwards) is stopped while clients read
 * and write. Every answer meanwhile is a 2xx (what the instance can answer without the database) or
 * a 503 problem with {@code Retry-After}, each within the pool's acquisition timeout; readiness goes
 * down; when the cluster is started again the same process serves reads and writes, readiness is up,
 * every write that was answered 201 is there, and the change feed has no gap. PostgreSQL only (the
 * profile that runs every {@code *IT}).
 */
class DatabaseOutageIT {

    private static final String CLUSTER = "rectrack_outage_" + ProcessHandle.current().pid();
    private static final Path LOGS = Path.of("target", "outage-it");
    /** What a request may wait for a pooled connection: the 503 must come within it (and a margin). */
    private static final Duration ACQUISITION = Duration.ofSeconds(2);
    private static String version;
    private static int port;

    @BeforeAll
    static void createTheCluster() throws Exception {
        Files.createDirectories(LOGS);
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        cluster("pg_createcluster", version, CLUSTER, "-p", Integer.toString(port), "--", "--auth=trust");
        cluster("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, "start");
    }

    @AfterAll
    static void removeTheCluster() throws Exception {
        if (version != null) {
            cluster("pg_dropcluster", "--stop", version, CLUSTER);
        }
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestart() throws Exception {
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", ACQUISITION.toSeconds() + "S");
        try (PackagedInstance service = PackagedInstance.start("outage", environment)) {
            String report = "OUTAGE-" + System.nanoTime();
            String recommendation = report + "-R1";
            service.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", report, "title", "Outage", "issuer", "OSCE/ODIHR", "country", "KZ"))
                    .post("/api/v1/reports").then().statusCode(201);
            service.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", recommendation, "report", report, "number", 1, "text", "Publish decisions"))
                    .post("/api/v1/recommendations").then().statusCode(201);

            Set<String> written = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicLong unavailable = new AtomicLong();
            AtomicLong slowest = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            AtomicLong day = new AtomicLong();
            for (int c = 0; c < 4; c++) {
                boolean writer = c % 2 == 0;
                clients.submit(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        Response answer;
                        String key = null;
                        if (writer) {
                            key = "outage-" + day.incrementAndGet();
                            answer = service.request().contentType(ContentType.JSON).header("Idempotency-Key", key)
                                    .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "GOVERNMENT",
                                            "assessedOn", java.time.LocalDate.of(2020, 1, 1).plusDays(day.get()).toString(),
                                            "rationale", key))
                                    .post("/api/v1/recommendations/{r}/assessments", recommendation);
                        } else {
                            // a new question each time, so that no kept answer stands in for the database
                            answer = service.anonymous().queryParam("q", "x" + System.nanoTime()).get("/api/v1/recommendations");
                        }
                        slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        int status = answer.statusCode();
                        if (status == 201 && key != null) {
                            written.add(key);
                        } else if (status == 503) {
                            unavailable.incrementAndGet();
                            if (!"application/problem+json".equals(answer.contentType()) || answer.header("Retry-After") == null) {
                                wrong.add("503 without problem+json and Retry-After: " + answer.headers());
                            }
                        } else if (status != 200 && status != 201) {
                            wrong.add(status + " " + answer.asString());
                        }
                        pause(writer ? 250 : 50);
                    }
                    return null;
                });
            }
            pause(2_000);
            cluster("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, "stop", "-m", "fast");
            long stoppedAt = System.nanoTime();
            boolean readinessDown = false;
            while (!readinessDown && System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(30)) {
                readinessDown = service.anonymous().get("/q/health/ready").statusCode() == 503;
                pause(200);
            }
            pause(5_000);
            long unavailableWhileDown = unavailable.get();
            cluster("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, "start");
            long startedAt = System.nanoTime();
            boolean ready = false;
            while (!ready && System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(60)) {
                ready = service.anonymous().get("/q/health/ready").statusCode() == 200;
                pause(200);
            }
            long recoveredAfterMs = (System.nanoTime() - startedAt) / 1_000_000;
            pause(3_000);
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
            System.out.printf("Outage: %d answers 503 while the database was away, slowest answer %d ms,"
                    + " ready again %d ms after the database started, %d writes answered 201%n",
                    unavailableWhileDown, slowest.get(), recoveredAfterMs, written.size());

            assertEquals(List.of(), new ArrayList<>(wrong), "every answer a 2xx or a 503 problem with Retry-After");
            assertTrue(readinessDown, "readiness went down while the database was away");
            assertTrue(unavailableWhileDown > 0, "requests that needed the database were answered 503");
            assertTrue(slowest.get() < ACQUISITION.toMillis() + 8_000, "every answer within the pool timeout and a margin: " + slowest.get() + " ms");
            assertTrue(ready, "ready again without a restart");

            // the same process serves writes and reads again; nothing answered 201 was lost; the feed has no gap
            service.request().contentType(ContentType.JSON)
                    .body(Map.of("status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-06-01"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            List<String> rationales = service.anonymous().queryParam("limit", 500)
                    .get("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(200)
                    .extract().path("items.rationale");
            assertTrue(rationales.containsAll(written), "every write answered 201 is there");
            List<Number> seqs = service.anonymous().get("/api/v1/changes?after=0&limit=500").then().statusCode(200)
                    .extract().path("items.seq");
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1L, seqs.get(i).longValue(), "the change feed has no gap");
            }
        }
    }

    private static void cluster(String... command) throws Exception {
        Path log = LOGS.resolve(command[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish in a minute");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + Files.readString(log));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
