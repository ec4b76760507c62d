package org.rectrack.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;

/** Parallel retries of one POST: the database lets one do the work, and all get its answer. */
@QuarkusTest
class IdempotencyConcurrencyTest {

    private static final int CLIENTS = 20;

    @Test
    void shouldCreateOneItemFor20ParallelPostsWithOneKey() throws Exception {
        String recommendation = TestData.recommendation(TestData.report());
        String path = "/api/v1/recommendations/" + recommendation + "/assessments";
        String json = "{\"status\":\"FULLY_IMPLEMENTED\",\"assessorType\":\"ISSUER\",\"assessedOn\":\"2024-03-01\"}";
        String key = TestData.unique("key");

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> pending = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                pending.add(clients.submit(() -> {
                    start.await();
                    return RawHttp.post(path, key, json);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> answer : pending) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }

        HttpResponse<byte[]> first = answers.get(0);
        assertEquals(201, first.statusCode(), RawHttp.body(first));
        long replayed = answers.stream().filter(a -> a.headers().firstValue("Idempotency-Replayed").isPresent()).count();
        assertEquals(CLIENTS - 1, replayed, "one did the work, the others replayed it");
        for (HttpResponse<byte[]> answer : answers) {
            assertEquals(201, answer.statusCode(), RawHttp.body(answer));
            assertArrayEquals(first.body(), answer.body());
            assertEquals(first.headers().firstValue("Location"), answer.headers().firstValue("Location"));
            assertEquals(first.headers().firstValue("ETag"), answer.headers().firstValue("ETag"));
            assertEquals(first.headers().firstValue("Content-Type"), answer.headers().firstValue("Content-Type"));
        }
        given().get(path).then().statusCode(200).body("items", hasSize(1));
    }
}
