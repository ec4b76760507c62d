package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Real parallel requests against one recommendation: no lost update, exactly one winner. */
@QuarkusTest
class ConcurrentWritesTest {

    @Test
    void shouldLetExactlyOneOfFiftyParallelPatchesWin() throws Exception {
        String rec = TestData.recommendation(TestData.report());
        String etag = given().get("/api/v1/recommendations/{r}", rec).then().statusCode(200).extract().header("ETag");

        List<Integer> statuses = inParallel(50, i -> given()
                .contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("text", "Edited by writer " + i))
                .patch("/api/v1/recommendations/{r}", rec).statusCode());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "winners: " + statuses);
        assertEquals(49, statuses.stream().filter(s -> s == 412).count(), "losers get 412: " + statuses);
        given().get("/api/v1/recommendations/{r}", rec).then().body("version", equalTo(1));
    }

    @Test
    void shouldKeepEveryOneOfTwentyParallelAssessments() throws Exception {
        String rec = TestData.recommendation(TestData.report());

        List<Integer> statuses = inParallel(20, i -> given().contentType(ContentType.JSON)
                .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER",
                        "assessedOn", "2023-01-" + String.format("%02d", i + 1)))
                .post("/api/v1/recommendations/{r}/assessments", rec).statusCode());

        assertEquals(List.of(201), statuses.stream().distinct().toList(), "every append succeeds");
        given().queryParam("limit", 50).get("/api/v1/recommendations/{r}/assessments", rec)
                .then().body("items", hasSize(20));
        given().get("/api/v1/recommendations/{r}", rec).then()
                .body("version", equalTo(20))
                .body("statusAssessedOn", equalTo("2023-01-20"));
    }

    /** Runs n calls at once behind a start gate and returns their results in call order. */
    static List<Integer> inParallel(int n, java.util.function.IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    gate.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            gate.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
