package org.rectrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The backup procedures of docs/operations.md, run: PostgreSQL dumped with {@code pg_dump} while the
 * service runs and restored with {@code pg_restore} into a new database; the embedded H2 file written
 * out with H2's {@code Script} tool once the service has stopped and loaded into a new file with
 * {@code RunScript}. A service started on the restored copy answers what the original answered when
 * the backup was taken, with the same ETags, and goes on writing from there.
 */
class BackupRestoreIT {

    private static final boolean POSTGRES = "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
    private static final String ORIGINAL = PackagedInstance.databaseName("rectrack_backup");
    private static final String RESTORED = PackagedInstance.databaseName("rectrack_restored");
    private static final Path FILES = Path.of("target", "backup-it");

    @AfterAll
    static void dropTheDatabases() throws Exception {
        if (POSTGRES) {
            PackagedInstance.dropDatabase(ORIGINAL);
            PackagedInstance.dropDatabase(RESTORED);
        }
    }

    @Test
    void shouldAnswerTheSameFromARestoredBackup() throws Exception {
        clean(FILES);
        Files.createDirectories(FILES);
        if (POSTGRES) {
            PackagedInstance.createDatabase(ORIGINAL);
        }
        Path backup = FILES.resolve(POSTGRES ? "rectrack.dump" : "rectrack.sql");
        String report = "BACKUP-" + System.nanoTime();
        String recommendation = report + "-R1";
        Map<String, ExtractableResponse<Response>> atBackup;
        try (PackagedInstance original = PackagedInstance.start("backup-original", database(ORIGINAL))) {
            original.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", report, "title", "Before the backup", "issuer", "OSCE/ODIHR", "country", "KZ"))
                    .post("/api/v1/reports").then().statusCode(201);
            original.request().contentType(ContentType.JSON)
                    .body(Map.of("reference", recommendation, "report", report, "number", 1,
                            "text", "Орталық сайлау комиссиясы should publish its decisions", "themes", List.of("election-administration")))
                    .post("/api/v1/recommendations").then().statusCode(201);
            original.request().contentType(ContentType.JSON)
                    .body(Map.of("status", "PARTIALLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2023-06-20"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            atBackup = reads(original, recommendation);
            if (POSTGRES) {
                // online: pg_dump reads one snapshot while the service goes on
                run("pg_dump", "-Fc", "-h", host(), "-p", port(), "-U", "postgres", "-f", backup.toString(), ORIGINAL);
                original.request().contentType(ContentType.JSON)
                        .body(Map.of("status", "FULLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-01-15"))
                        .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            }
        }
        if (POSTGRES) {
            PackagedInstance.createDatabase(RESTORED);
            run("pg_restore", "--no-owner", "-h", host(), "-p", port(), "-U", "postgres", "-d", RESTORED, backup.toString());
        } else {
            // the embedded file is locked while the service runs: written out after it stopped
            org.h2.tools.Script.main("-url", h2Url(ORIGINAL), "-user", "", "-script", backup.toString());
            org.h2.tools.RunScript.main("-url", h2Url(RESTORED), "-user", "", "-script", backup.toString());
        }

        try (PackagedInstance restored = PackagedInstance.start("backup-restored", database(RESTORED))) {
            Map<String, ExtractableResponse<Response>> after = reads(restored, recommendation);
            for (String read : atBackup.keySet()) {
                assertEquals(atBackup.get(read).asString(), after.get(read).asString(), read + ": the same answer, byte for byte");
            }
            String itemTag = atBackup.get("item").header("ETag");
            assertEquals(itemTag, after.get("item").header("ETag"));
            assertEquals("PARTIALLY_IMPLEMENTED", after.get("item").path("status"), "the state when the backup was taken");
            restored.request().header("If-None-Match", itemTag).get("/api/v1/recommendations/{r}", recommendation)
                    .then().statusCode(304);

            long seq = lastSeq(after.get("feed"));
            restored.request().contentType(ContentType.JSON)
                    .body(Map.of("status", "MOSTLY_IMPLEMENTED", "assessorType", "ISSUER", "assessedOn", "2024-03-01"))
                    .post("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(201);
            ExtractableResponse<Response> feed = restored.request().get("/api/v1/changes?after={s}", seq).then().statusCode(200).extract();
            List<Number> next = feed.path("items.seq");
            assertTrue(!next.isEmpty(), "the write is in the feed");
            for (int i = 0; i < next.size(); i++) {
                assertEquals(seq + 1 + i, next.get(i).longValue(), "the feed goes on from the backup's position, without a gap");
            }
        }
    }

    /** What a dashboard reads, by name. */
    private static Map<String, ExtractableResponse<Response>> reads(PackagedInstance instance, String recommendation) {
        return Map.of(
                "item", instance.anonymous().get("/api/v1/recommendations/{r}", recommendation).then().statusCode(200).extract(),
                "history", instance.anonymous().get("/api/v1/recommendations/{r}/assessments", recommendation).then().statusCode(200).extract(),
                "list", instance.anonymous().get("/api/v1/recommendations?limit=50").then().statusCode(200).extract(),
                "stats", instance.anonymous().get("/api/v1/stats?groupBy=theme").then().statusCode(200).extract(),
                "feed", instance.anonymous().get("/api/v1/changes?after=0&limit=500").then().statusCode(200).extract());
    }

    private static long lastSeq(ExtractableResponse<Response> feed) {
        Number seq = feed.path("items[-1].seq");
        return seq.longValue();
    }

    private static Map<String, String> database(String name) {
        if (POSTGRES) {
            return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + PackagedInstance.POSTGRES + "/" + name,
                    "QUARKUS_DATASOURCE_USERNAME", "postgres");
        }
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", h2Url(name));
    }

    private static String h2Url(String name) {
        return "jdbc:h2:file:./" + FILES + "/" + name + "/rectrack";
    }

    private static String host() {
        return PackagedInstance.POSTGRES.substring(0, PackagedInstance.POSTGRES.lastIndexOf(':'));
    }

    private static String port() {
        return PackagedInstance.POSTGRES.substring(PackagedInstance.POSTGRES.lastIndexOf(':') + 1);
    }

    private static void run(String... command) throws Exception {
        Path log = FILES.resolve(command[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command[0] + " did not finish in 2 minutes");
        assertEquals(0, process.exitValue(), command[0] + " failed:\n" + Files.readString(log));
    }

    private static void clean(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
