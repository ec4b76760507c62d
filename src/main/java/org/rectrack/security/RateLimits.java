package org.rectrack.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.common.HttpLayer;
import org.rectrack.common.ProblemType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests per minute to {@code /api/}, per key and, for every other request (anonymous, or with a
 * key that will be refused), per client address; Bucket4j token buckets, refilled evenly over the
 * minute. Every answer says where the caller stands ({@code RateLimit-Policy} and {@code RateLimit},
 * IETF draft-ietf-httpapi-ratelimit-headers); over the limit is a 429 problem with
 * {@code Retry-After}. The buckets live in this instance's memory (bounded, idle ones forgotten): with
 * N instances behind a load balancer a caller gets up to N times the limit, which the README says.
 * A database-backed bucket would hold across instances but cost a statement per request, 304s included.
 */
@ApplicationScoped
public class RateLimits {

    /**
     * Runs first of the security filters: before the origin check (301) and CORS (300), so that their
     * refusals carry the headers too, and before authentication (200), so that guessing keys is throttled.
     */
    private static final int FILTER_PRIORITY = 310;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final KeyDirectory directory;
    private final HttpLayer http;
    private final int keyPerMinute;
    private final int anonymousPerMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(WINDOW.multipliedBy(2)).build();

    RateLimits(KeyDirectory directory, HttpLayer http,
               @ConfigProperty(name = "rectrack.rate-limit.key-per-minute") int keyPerMinute,
               @ConfigProperty(name = "rectrack.rate-limit.anonymous-per-minute") int anonymousPerMinute) {
        this.directory = directory;
        this.http = http;
        this.keyPerMinute = keyPerMinute;
        this.anonymousPerMinute = anonymousPerMinute;
    }

    void install(@Observes Filters filters) {
        filters.register(this::limit, FILTER_PRIORITY);
    }

    /** The limit that applies to a key: its own, or the service's. */
    int perMinute(KeyDirectory.Entry key) {
        return key.rateLimitPerMinute() != null ? key.rateLimitPerMinute() : keyPerMinute;
    }

    int anonymousPerMinute() {
        return anonymousPerMinute;
    }

    private void limit(RoutingContext context) {
        String path = context.request().path();
        if (path == null || !path.startsWith("/api/")) {
            context.next();
            return;
        }
        var key = ApiKeyMechanism.bearerKey(context.request().getHeader(HttpHeaders.AUTHORIZATION)).flatMap(directory::valid);
        String policy = key.isPresent() ? "key" : "anonymous";
        int limit = key.map(this::perMinute).orElse(anonymousPerMinute);
        String bucketName = key.map(k -> k.id() == null ? "admin" : "key:" + k.id())
                .orElseGet(() -> "address:" + context.request().remoteAddress().hostAddress());
        Bucket bucket = buckets.get(bucketName + "/" + limit, name -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, WINDOW)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        HttpServerResponse response = context.response();
        response.putHeader("RateLimit-Policy", "\"" + policy + "\";q=" + limit + ";w=" + WINDOW.toSeconds());
        response.putHeader("RateLimit", "\"" + policy + "\";r=" + probe.getRemainingTokens() + ";t="
                + seconds(probe.getNanosToWaitForReset()));
        if (probe.isConsumed()) {
            context.next();
        } else {
            long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
            http.send(context, ProblemType.RATE_LIMITED.problem("More than " + limit + " requests a minute from this "
                            + (key.isPresent() ? "key" : "address") + "; retry after " + retryAfter + " s")
                    .withHeader("Retry-After", Long.toString(retryAfter)));
        }
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
