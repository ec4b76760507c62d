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
import org.rectrack.common.ProblemMapper;
import org.rectrack.common.ProblemType;
import org.rectrack.common.ServiceClock;
import org.rectrack.common.ShownOnce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;

/**
 * Makes a POST with an {@code Idempotency-Key} safe to retry (DESIGN.md "Idempotency"). Before the
 * endpoint runs, the request claims its key in the database, or waits for the request that holds
 * it and replays that one's answer; after the endpoint, the answer is stored (4xx included) or, on
 * a 5xx, the claim is let go so that a retry does the work.
 *
 * <p>The claim commits at once (other requests must see it), but the work and its answer commit
 * together: the filter begins a transaction once it holds the claim, the services join it, and the
 * answer is written in it before it commits. A crash at any point leaves both or neither; a claim
 * left without an answer is taken over once abandoned, and the retry does the work once.
 *
 * <p>Both filters talk to the database, so they must not run on the event loop. Quarkus REST runs
 * the (non-pre-matching) filters of a blocking endpoint on its worker thread, and every POST here is
 * blocking; the request filter checks it rather than trusting it.
 */
public class IdempotencyFilter {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String TRANSACTION = IdempotencyFilter.class.getName() + ".transaction";
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
                hold(request, claim);
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
                    Log.warnf("Took over the Idempotency-Key claimed at %s and never answered; doing the work",
                            first.claimedAt());
                    hold(request, claim);
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

    /** The request holds the key: its work runs in a transaction that will also hold its answer. */
    private static void hold(ContainerRequestContext request, Claim claim) {
        request.setProperty(CLAIM, claim);
        QuarkusTransaction.begin();
        request.setProperty(TRANSACTION, Boolean.TRUE);
    }

    @ServerResponseFilter
    public void storeOrRelease(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        boolean ours = request.getProperty(TRANSACTION) != null && QuarkusTransaction.isActive();
        Object entity = response.getEntity();
        try {
            if (!isFinal(response.getStatus()) || entity instanceof InputStream || entity instanceof StreamingOutput) {
                rollback(ours);
                store.release(claim);
                return;
            }
            MediaType type = response.getMediaType() != null ? response.getMediaType() : JSON;
            byte[] body = bytes(entity);
            // The client gets exactly the bytes a replay will send, except a secret shown only once.
            response.setEntity(body.length == 0 ? null : body, response.getEntityAnnotations(), type);
            byte[] kept = entity instanceof ShownOnce secret ? bytes(secret.withoutSecret()) : body;
            // a write that failed (a 4xx thrown by a service) rolls back; its answer is stored on its own
            boolean work = ours && !QuarkusTransaction.isRollbackOnly();
            if (!work) {
                rollback(ours);
            }
            if (!store.complete(claim, StoredResponse.of(response, type, kept), clock.now())) {
                // another request took the key over meanwhile and does the work: this one's must not commit
                rollback(work);
                answer(request, response, ProblemType.KEY_IN_USE.problem("This request took so long that a retry with its "
                        + "Idempotency-Key took over; retry again to get that one's answer").withHeader("Retry-After", "1"));
                return;
            }
            if (work) {
                if (config.haltBeforeCommit()) {
                    Log.warn("Halting before commit (rectrack.idempotency.halt-before-commit is set)");
                    Runtime.getRuntime().halt(137);
                }
                QuarkusTransaction.commit();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            rollback(ours && QuarkusTransaction.isActive());
            ProblemException problem = ProblemMapper.toProblem(e);
            try {
                store.release(claim);
            } catch (RuntimeException again) {
                // the claim is abandoned after rectrack.idempotency.abandon-after; a retry then does the work
                Log.error("Could not release an Idempotency-Key", again);
            }
            answer(request, response, problem);
        }
    }

    private static void rollback(boolean active) {
        if (active) {
            QuarkusTransaction.rollback();
        }
    }

    /** Replaces the answer with a problem: the work it described did not commit. */
    private static void answer(ContainerRequestContext request, ContainerResponseContext response, ProblemException problem) {
        response.setStatus(problem.status());
        response.getHeaders().remove("Location");
        response.getHeaders().remove("ETag");
        problem.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        response.setEntity(ProblemMapper.body(problem, request.getUriInfo().getRequestUri().getRawPath()), null, MediaType.valueOf(org.rectrack.common.Problem.MEDIA_TYPE));
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
