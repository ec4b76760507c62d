package org.rectrack.webhook;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The HTTP client of deliveries, made for them alone: it connects to the address {@link TargetGuard}
 * checked (the URL's host only names the Host header and the TLS server name, which is also verified),
 * gives up connecting after 5 seconds and on the whole exchange after 15, never follows a redirect,
 * and reads the receiver's answer only to discard it.
 */
@ApplicationScoped
public class WebhookSender {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int TOTAL_TIMEOUT_MS = 15_000;

    /** What one attempt gave: the receiver's status, or why there was none. */
    public record Outcome(Integer status, String error, int durationMs) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;

    WebhookSender(Vertx vertx, WebhooksConfig config) {
        this.vertx = vertx;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setKeepAlive(true)
                // the server name (SNI) and the certificate check use the request's host, not the address connected to
                .setVerifyHost(true)
                .setTryUseCompression(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(2, config.maxInFlight())));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Starts one attempt; the future completes (never fails) within the total timeout. */
    CompletableFuture<Outcome> send(TargetGuard.Target target, MultiMap headers, String body) {
        long started = System.nanoTime();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setHeaders(headers);
        Buffer bytes = Buffer.buffer(body);
        client.request(request).onComplete(opened -> {
            if (opened.failed()) {
                outcome.complete(new Outcome(null, describe(opened.cause()), millis(started)));
                return;
            }
            HttpClientRequest sent = opened.result();
            long timer = vertx.setTimer(Math.max(1, TOTAL_TIMEOUT_MS - millis(started)),
                    t -> sent.reset(0, new TimeoutException("no complete answer within " + TOTAL_TIMEOUT_MS / 1000 + " s")));
            sent.send(bytes).compose(response -> {
                response.handler(chunk -> {
                    // read and dropped: only the status counts, and nothing the receiver sends is kept
                });
                return response.end().map(done -> response.statusCode());
            }).onComplete(answered -> {
                vertx.cancelTimer(timer);
                outcome.complete(answered.succeeded()
                        ? new Outcome(answered.result(), answered.result() >= 200 && answered.result() < 300 ? null
                                : describeStatus(answered.result()), millis(started))
                        : new Outcome(null, describe(answered.cause()), millis(started)));
            });
        });
        return outcome;
    }

    private static String describeStatus(int status) {
        if (status >= 300 && status < 400) {
            return "the receiver answered " + status + " (a redirect, which is not followed)";
        }
        return "the receiver answered " + status;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        String text = switch (failure.getClass().getSimpleName()) {
            case "TimeoutException" -> "timed out" + message;
            case "ConnectTimeoutException" -> "could not connect within " + CONNECT_TIMEOUT_MS / 1000 + " s";
            case "StreamResetException" -> "no complete answer within " + TOTAL_TIMEOUT_MS / 1000 + " s";
            default -> "no answer" + message;
        };
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static int millis(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
