package org.rectrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The process is killed (SIGKILL) while it imports 10,000 recommendations: after a restart the import
 * is all or nothing, the change feed has no gap, and the retry with the same Idempotency-Key (once the
 * dead request's claim counts as abandoned) leaves exactly the 10,000 rows. Runs in both builds: on an
 * H2 file and on a PostgreSQL database of its own.
 */
class KillDuringImportIT {

    private static final boolean POSTGRES = "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
    private static final String DATABASE = PackagedInstance.databaseName("rectrack_kill");
    private static final Path H2_FILES = Path.of("target", "kill-it");
    private static final int ROWS = 10_000;

    @AfterAll
    static void dropTheDatabase() throws Exception {
        if (POSTGRES) {
            PackagedInstance.dropDatabase(DATABASE);
        }
    }

    @Test
    void shouldLeaveAnImportAllOrNothingWhenTheProcessIsKilled() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(PackagedInstance.freshDatabase(DATABASE, H2_FILES));
        environment.put("RECTRACK_IDEMPOTENCY_ABANDON_AFTER", "3s");
        String report = "KILL-" + System.nanoTime();
        StringBuilder csv = new StringBuilder("reference,report,number,text\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(report).append("-R").append(i).append(',').append(report).append(',').append(i)
                    .append(",The commission should publish decision ").append(i).append('\n');
        }
        String key = "kill-import-" + System.nanoTime();

        long before;
        try (PackagedInstance first = PackagedInstance.start("kill-first", environment)) {
            first.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", report, "title", "Killed during an import", "issuer", "OSCE/ODIHR", "country", "KZ"))
                    .post("/api/v1/reports").then().statusCode(201);
            before = lastSeq(first);
            CompletableFuture<HttpResponse<String>> running = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/api/v1/imports"))
                            .header("Authorization", TestKeys.ADMIN_BEARER).header("Content-Type", "text/csv; charset=UTF-8")
                            .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(700);
            first.kill();
            System.out.println("Killed during the import; the client " + (running.isDone() && !running.isCompletedExceptionally()
                    ? "had its answer, " + running.join().statusCode() : "got no answer"));
        }

        try (PackagedInstance second = PackagedInstance.start("kill-second", environment)) {
            long afterRestart = rows(second, report);
            System.out.println("After the restart the report has " + afterRestart + " recommendations");
            assertTrue(afterRestart == 0 || afterRestart == ROWS, "all or nothing, not " + afterRestart);
            assertGapFree(second);

            Response retry = null;
            int waited = 0;
            for (int attempt = 0; attempt < 60; attempt++, waited++) {
                retry = second.request().contentType("text/csv; charset=UTF-8").header("Idempotency-Key", key)
                        .body(csv.toString()).post("/api/v1/imports");
                if (retry.statusCode() != 409) {
                    break;
                }
                Thread.sleep(500); // the dead request's claim counts as abandoned after 3 s
            }
            System.out.println("The retry was answered 409 " + waited + " times first (the dead request's claim, until"
                    + " it counted as abandoned; the log of the second instance says whether it took the claim over)");
            assertEquals(200, retry.statusCode(), retry.asString());
            assertEquals(ROWS, rows(second, report), "exactly the rows of one import");
            List<Number> created = List.of(retry.path("summary.created"), retry.path("summary.unchanged"));
            assertEquals(ROWS, created.get(0).intValue() + created.get(1).intValue(), "every row created or already there");
            assertGapFree(second);
            assertTrue(lastSeq(second) > before, "the feed moved");

            Response replay = second.request().contentType("text/csv; charset=UTF-8").header("Idempotency-Key", key)
                    .body(csv.toString()).post("/api/v1/imports");
            assertEquals("true", replay.header("Idempotency-Replayed"));
            assertEquals(ROWS, rows(second, report), "a replay writes nothing");
        }
    }

    private static long rows(PackagedInstance instance, String report) {
        Number total = instance.anonymous().queryParam("report", report).get("/api/v1/stats").then().statusCode(200)
                .extract().path("total.total");
        return total.longValue();
    }

    private static long lastSeq(PackagedInstance instance) {
        List<Number> seqs = seqs(instance);
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1).longValue();
    }

    /** Every event of the feed, in order, paged as a follower pages it. */
    private static List<Number> seqs(PackagedInstance instance) {
        List<Number> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<Number> page = instance.anonymous().queryParam("after", after).queryParam("limit", 500)
                    .get("/api/v1/changes").then().statusCode(200).extract().path("items.seq");
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).longValue();
        }
    }

    private static void assertGapFree(PackagedInstance instance) {
        List<Number> seqs = seqs(instance);
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i + 1L, seqs.get(i).longValue(), "the change feed has no gap");
        }
    }
}
