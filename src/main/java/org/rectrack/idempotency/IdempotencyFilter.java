package org.rectrack.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rectrack.common.BodyLimit;
import org.rectrack.common.Caller;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.common.ServiceClock;
import org.rectrack.common.ShownOnce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.BlockingOperationControl;

/**
 * Makes a POST with an {@code Idempotency-Key} safe to retry (DESIGN.md "Idempotency"). Before the
 * endpoint runs, the request claims its key in the database, or waits for the request that holds
 * it and replays that one's answer; after the endpoint, the answer is stored (4xx included) or, on
 * a 5xx, the claim is let go so that a retry does the work.
 *
 * <p>Both filters talk to the database, so they must not run on the event loop. Quarkus REST runs
 * the (non-pre-matching) filters of a blocking endpoint on its worker thread, and every POST here is
 * blocking; the request filter checks it rather than trusting it.
 */
public class IdempotencyFilter {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final Duration POLL = Duration.ofMillis(50);
    /** What Quarkus writes for an entity without a type: every endpoint here produces JSON. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final ServiceClock clock;

    IdempotencyFilter(IdempotencyStore store, IdempotencyConfig config, ObjectMapper mapper, Caller caller,
                      ServiceClock clock) {
        this.store = store;
        this.config = config;
        this.mapper = mapper;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Returns the stored answer to replay, or nothing to let the endpoint run. Runs after
     * authentication and authorization (lower priorities), so keys are per caller.
     */
    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> claimOrReplay(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod())) {
            return Optional.empty();
        }
        requireValid(key);
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new IllegalStateException("Idempotency-Key needs a blocking endpoint: "
                    + request.getUriInfo().getPath() + " runs on the event loop");
        }
        String fingerprint = RequestFingerprint.of(request, bufferBody(request));
        Claim claim = Claim.fresh(caller.scope(), key);
        Instant giveUpAt = clock.now().plus(config.waitForFirst());
        boolean tryClaim = true;
        while (true) {
            Instant now = clock.now();
            if (tryClaim && store.claim(claim, fingerprint, now)) {
                request.setProperty(CLAIM, claim);
                return Optional.empty();
            }
            IdempotencyRecord first = store.find(claim.caller(), key).orElse(null);
            tryClaim = first == null;
            // null: the first request failed and let the key go just now; claim it on the next round
            if (first != null) {
                if (!first.fingerprint().equals(fingerprint)) {
                    throw ProblemType.KEY_REUSED.problem("This Idempotency-Key was used for a different request (method, path, query, content type "
                                    + "or body); use a new key for a new request");
                }
                if (first.isDone()) {
                    return Optional.of(first.answer().toReplay());
                }
                if (first.claimedAt().isBefore(now.minus(config.abandonAfter()))
                        && store.takeOver(first.claimToken(), claim, now)) {
                    Log.warnf("Took over the Idempotency-Key claimed at %s and never answered; doing the work again",
                            first.claimedAt());
                    request.setProperty(CLAIM, claim);
                    return Optional.empty();
                }
            }
            if (now.isAfter(giveUpAt)) {
                throw ProblemType.KEY_IN_USE.problem(
                        "A request with this Idempotency-Key is still running; retry later to get its answer")
                        .withHeader("Retry-After", "1");
            }
            pause();
        }
    }

    @ServerResponseFilter
    public void storeOrRelease(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        Object entity = response.getEntity();
        try {
            if (!isFinal(response.getStatus()) || entity instanceof InputStream || entity instanceof StreamingOutput) {
                store.release(claim);
                return;
            }
            MediaType type = response.getMediaType() != null ? response.getMediaType() : JSON;
            byte[] body = bytes(entity);
            // The client gets exactly the bytes a replay will send, except a secret shown only once.
            response.setEntity(body.length == 0 ? null : body, response.getEntityAnnotations(), type);
            byte[] kept = entity instanceof ShownOnce secret ? bytes(secret.withoutSecret()) : body;
            if (!store.complete(claim, StoredResponse.of(response, type, kept), clock.now())) {
                Log.warn("An Idempotency-Key claim was taken over before its request finished; its answer is not stored");
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // This answer still goes out, but a retry finds the key unanswered and, once the claim counts
            // as abandoned, does the work again: the one gap left (README, "Idempotency keys").
            Log.error("Could not store or release the answer for an Idempotency-Key", e);
        }
    }

    /**
     * Answers worth replaying: not server errors (a retry should do the work) and not 408 or 429,
     * which by definition ask the client to try again.
     */
    private static boolean isFinal(int status) {
        return status < 500 && status != 408 && status != 429;
    }

    private byte[] bytes(Object entity) throws JsonProcessingException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] raw) {
            return raw;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return mapper.writeValueAsBytes(entity);
    }

    private static void requireValid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    /** Reads the body (within the size limit) to fingerprint it, and puts it back for the endpoint. */
    private byte[] bufferBody(ContainerRequestContext request) throws IOException {
        long maxBodyBytes = BodyLimit.maxBytes(request);
        byte[] body = request.getEntityStream().readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
        if (body.length > maxBodyBytes) {
            throw BodyLimit.tooLarge(maxBodyBytes);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the first request with an Idempotency-Key", e);
        }
    }
}
