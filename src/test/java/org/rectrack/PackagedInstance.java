package org.rectrack;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.restassured.specification.RequestSpecification;

/**
 * The packaged service (target/quarkus-app) run as a process of its own, for integration tests that
 * need what a test inside Quarkus cannot do: stop and start it again, or run two at once.
 */
public final class PackagedInstance implements AutoCloseable {

    /** The PostgreSQL server of the integration tests (trust authentication, user postgres). */
    public static final String POSTGRES = System.getProperty("rectrack.it.postgres", "127.0.0.1:5432");

    private final int port;
    private final Path log;
    private final Process process;

    private PackagedInstance(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the jar on a free loopback port with the given environment, and waits until it is ready. The
     * port is the kernel's pick, so runs on one machine (another checkout's suite) never meet.
     */
    public static PackagedInstance start(String name, Map<String, String> environment) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("RECTRACK_ADMIN_KEY", TestKeys.ADMIN);
        builder.environment().putAll(environment);
        PackagedInstance instance = new PackagedInstance(port, log, builder.start());
        instance.awaitReady();
        return instance;
    }

    /** A request to this instance with the bootstrap admin key. */
    public RequestSpecification request() {
        return anonymous().header("Authorization", TestKeys.ADMIN_BEARER);
    }

    public RequestSpecification anonymous() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    /** Stops the service as an operator would (SIGTERM) and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the process as a crash would (SIGKILL): no shutdown hook, no commit that was not made. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not die");
        }
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600 && process.isAlive(); i++) {
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("the service on port " + port + " did not start; its log (" + log + "):\n" + Files.readString(log));
    }

    /**
     * The environment for a fresh, empty database of one test: on PostgreSQL the database {@code name}
     * (dropped if it exists, created), on H2 a file under {@code h2Folder} (deleted first).
     */
    public static Map<String, String> freshDatabase(String name, Path h2Folder) throws SQLException, IOException {
        if ("postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
            createDatabase(name);
            return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + POSTGRES + "/" + name,
                    "QUARKUS_DATASOURCE_USERNAME", "postgres");
        }
        if (Files.exists(h2Folder)) {
            try (Stream<Path> files = Files.walk(h2Folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:./" + h2Folder + "/rectrack");
    }

    /** A database name of this run only (the JVM's process id), so two suites at once do not share one. */
    public static String databaseName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid();
    }

    /** Drops (if it exists) and creates a PostgreSQL database for one test class. */
    public static void createDatabase(String name) throws SQLException {
        admin("drop database if exists " + name, "create database " + name);
    }

    public static void dropDatabase(String name) throws SQLException {
        admin("drop database if exists " + name);
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + POSTGRES + "/postgres", "postgres", "");
             Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
