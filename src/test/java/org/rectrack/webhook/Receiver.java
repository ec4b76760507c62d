package org.rectrack.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver on loopback: records every request it gets (headers, body, when) and answers
 * with the status its policy gives for the request's number (1, 2, …). Stops when closed.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(int number, Map<String, String> headers, String body, long receivedAtMillis) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator policy = n -> 204;

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                headers.put(":path", exchange.getRequestURI().toString());
                int number = count.incrementAndGet();
                synchronized (received) {
                    received.add(new Received(number, headers, new String(body, StandardCharsets.UTF_8), System.currentTimeMillis()));
                    received.notifyAll();
                }
                int status = policy.applyAsInt(number);
                if (status >= 300 && status < 400) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public static Receiver start() throws IOException {
        return new Receiver();
    }

    /** Answers request n with {@code policy(n)}. */
    public Receiver answering(IntUnaryOperator policy) {
        this.policy = policy;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until {@code done} holds for what has arrived, or the time is up; returns what arrived. */
    public List<Received> await(Predicate<List<Received>> done, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (received) {
            while (!done.test(List.copyOf(received))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return List.copyOf(received);
        }
    }

    /** Waits until at least {@code n} requests arrived. */
    public List<Received> awaitCount(int n, long seconds) throws InterruptedException {
        return await(r -> r.size() >= n, seconds);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
