package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The live stream, read with a plain HTTP client as a dashboard would. */
@QuarkusTest
@TestProfile(ChangeStreamTest.SmallLimits.class)
class ChangeStreamTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rectrack.changes.max-streams", "2", "rectrack.changes.heartbeat", "1s");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /** One open stream: its lines arrive in a queue, read by a background thread. */
    final class Stream implements AutoCloseable {
        final HttpResponse<java.io.InputStream> response;
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        final Thread reader;

        Stream(String query, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/changes/stream" + query))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event's (id, data) lines, skipping comments; fails after 10 seconds. */
        List<String> nextEvent() throws InterruptedException {
            List<String> event = new ArrayList<>();
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                assertTrue(line != null, "an event arrives within 10 seconds");
                if (line.isEmpty() && !event.isEmpty()) {
                    return event;
                }
                if (line.startsWith("id:") || line.startsWith("data:") || line.startsWith("event:")) {
                    event.add(line);
                }
            }
        }

        String field(List<String> event, String name) {
            return event.stream().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).trim())
                    .findFirst().orElseThrow();
        }

        @Override
        public void close() {
            reader.interrupt();
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Test
    void shouldStreamNewChangesAndResumeAfterTheLastEventId() throws Exception {
        awaitNoOpenStreams();
        long start = ChangeFeedTest.lastPosition();
        String lastId;
        try (Stream stream = new Stream("?after=" + start + "&type=report", null)) {
            assertEquals(200, stream.response.statusCode());
            String report = TestData.report();
            List<String> event = stream.nextEvent();
            assertEquals("report", stream.field(event, "event"));
            assertTrue(stream.field(event, "data").contains("\"key\":\"" + report + "\""), event.toString());
            lastId = stream.field(event, "id");
            assertTrue(Long.parseLong(lastId) > start);
        }
        String missed = TestData.report();
        TestData.institution(); // filtered out below
        try (Stream stream = new Stream("?type=report", lastId)) {
            List<String> event = stream.nextEvent();
            assertTrue(stream.field(event, "data").contains("\"key\":\"" + missed + "\""), "the missed change comes first: " + event);
            assertEquals(Long.parseLong(lastId) + 1, Long.parseLong(stream.field(event, "id")));
        }
    }

    @Test
    void shouldStartAtTheCurrentPositionWithoutLastEventIdOrAfter() throws Exception {
        awaitNoOpenStreams();
        TestData.report(); // history a new stream must not replay
        try (Stream stream = new Stream("?type=report", null)) {
            assertEquals(200, stream.response.statusCode());
            String report = TestData.report();
            List<String> event = stream.nextEvent();
            assertTrue(stream.field(event, "data").contains("\"key\":\"" + report + "\""),
                    "the first event is the change made after opening: " + event);
        }
    }

    @Test
    void shouldSendHeartbeatCommentsWhileIdle() throws Exception {
        awaitNoOpenStreams();
        try (Stream stream = new Stream("?after=" + ChangeFeedTest.lastPosition(), null)) {
            String line;
            do {
                line = stream.lines.poll(10, TimeUnit.SECONDS);
                assertTrue(line != null, "a heartbeat within 10 seconds");
            } while (!line.startsWith(":"));
        }
    }

    /** Waits, at most 10 seconds, until the streams of earlier tests have been closed on the server too. */
    private static void awaitNoOpenStreams() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String metrics = given().get("/q/metrics").then().extract().asString();
            if (metrics.contains("rectrack_change_streams_open 0.0")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("streams of earlier tests are still open");
    }

    @Test
    void shouldRefuseStreamsBeyondTheLimitWith503() throws Exception {
        awaitNoOpenStreams();
        long now = ChangeFeedTest.lastPosition();
        try (Stream first = new Stream("?after=" + now, null); Stream second = new Stream("?after=" + now, null)) {
            assertEquals(200, first.response.statusCode());
            assertEquals(200, second.response.statusCode());
            given().header("Accept", "text/event-stream").get("/api/v1/changes/stream").then()
                    .statusCode(503).header("Retry-After", "30").contentType("application/problem+json");
        }
    }

    @Test
    void shouldRejectABadLastEventId() {
        given().header("Accept", "text/event-stream").header("Last-Event-ID", "abc").get("/api/v1/changes/stream")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("Last-Event-ID"));
    }
}
