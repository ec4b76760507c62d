package org.rectrack.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.rectrack.changes.FeedPosition;
import org.rectrack.common.ServiceClock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.MultiMap;

/**
 * Sends what the outbox holds. A claim, in one short transaction, locks the oldest undelivered event
 * of each active webhook that is due and not in flight ({@code select ... for update skip locked}) and
 * leases it with up to {@link #BATCH} of the webhook's next events. Each webhook's batch is then sent
 * one event after the other, each only once the previous one was delivered, and recorded in a short
 * transaction of its own when it is done; other webhooks' batches run meanwhile. Any number of
 * instances may do this: a head locked or leased by one is skipped by the others, so a webhook is
 * served by one instance at a time, in {@code seq} order. A lease that outlives its worker (a crash)
 * expires and its events are sent again: delivery is at least once.
 */
@ApplicationScoped
public class WebhookWorker {

    /** How long a claim holds. No send starts after half of it, and a send ends within 15 s. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Events of one webhook sent per claim: the claim's and the record's transactions are shared by them. */
    static final int BATCH = 100;

    /**
     * The head of each active webhook's queue (its lowest PENDING seq, found with the index on
     * (webhook_id, state, seq): one probe per webhook), if it is due and not in flight.
     */
    private static final String CLAIM = """
            select d.id from webhook_delivery d
             where d.id in (select (select p.id from webhook_delivery p
                                     where p.webhook_id = w.id and p.state = 'PENDING'
                                     order by p.seq fetch first 1 rows only)
                              from webhook w where w.active = true and w.deleted_at is null)
               and d.next_attempt_at <= ?1
               and (d.lease_until is null or d.lease_until < ?1)
             order by d.id
             fetch first %d rows only
             for update skip locked""";

    /** One claimed delivery, with what sending it needs. */
    record Claim(long deliveryId, long webhookId, long seq, String body, String url, List<String> secrets, Instant leaseUntil) {
    }

    /** A claimed delivery and its attempt; {@code outcome} is null when it was not tried (an earlier one failed). */
    private record Sent(Claim claim, Instant at, WebhookSender.Outcome outcome) {
    }

    private final EntityManager em;
    private final WebhookSender sender;
    private final TargetGuard guard;
    private final WebhooksConfig config;
    private final ServiceClock clock;
    private final FeedPosition position;
    private final WebhookDirectory directory;
    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;
    private final AtomicLong lagSeconds = new AtomicLong();
    /** Claims, one at a time. */
    private final ExecutorService claims = Executors.newSingleThreadExecutor(named("rectrack-webhook-claims"));
    /** Starts each next attempt of a batch (the target check resolves the host, which blocks: not on Vert.x's threads). */
    private final ExecutorService attempts = Executors.newFixedThreadPool(4, named("rectrack-webhook-attempts"));
    /** Records finished batches (blocking transactions; sends themselves run on Vert.x). */
    private final ExecutorService records = Executors.newFixedThreadPool(2, named("rectrack-webhook-records"));
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    WebhookWorker(EntityManager em, WebhookSender sender, TargetGuard guard, WebhooksConfig config, ServiceClock clock,
                  FeedPosition position, WebhookDirectory directory, MeterRegistry registry) {
        this.em = em;
        this.sender = sender;
        this.guard = guard;
        this.config = config;
        this.clock = clock;
        this.position = position;
        this.directory = directory;
        this.delivered = Counter.builder("rectrack.webhook.deliveries").description("Events delivered (answered 2xx)").register(registry);
        this.failed = Counter.builder("rectrack.webhook.failures").description("Delivery attempts that failed").register(registry);
        this.givenUp = Counter.builder("rectrack.webhook.given.up").description("Events given up after the last retry or a 410").register(registry);
        registry.gauge("rectrack.webhook.lag.seconds", lagSeconds);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Lets the batches in flight finish and be recorded (a send ends within 15 s), then stops. */
    @PreDestroy
    void stop() {
        running = false;
        claims.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WebhookSender.TOTAL_TIMEOUT_MS + 2_000L);
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            records.shutdown();
            records.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        claims.shutdownNow();
        attempts.shutdownNow();
        records.shutdownNow();
    }

    /** Asks for a claim soon; a call while one is queued adds nothing, one during a claim queues the next. */
    public void wake() {
        if (running && queued.compareAndSet(false, true)) {
            try {
                claims.execute(this::claimAndSend);
            } catch (RuntimeException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Retries come due and other instances' claims expire without a commit here: look every second. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (directory.active().isEmpty()) {
            // no active webhook: nothing can be owed, and an idle service runs no statement for webhooks
            lagSeconds.set(0);
            return;
        }
        wake();
        try {
            lagSeconds.set(QuarkusTransaction.requiringNew().call(this::lag));
        } catch (RuntimeException e) {
            Log.debugf("Could not measure the webhook lag: %s", e.getClass().getSimpleName());
        }
    }

    private void claimAndSend() {
        queued.set(false);
        int room = Math.max(1, config.maxInFlight()) - inFlight.get();
        if (!running || room <= 0) {
            return; // a batch that finishes wakes the next claim
        }
        Map<Long, List<Claim>> batches;
        try {
            batches = QuarkusTransaction.requiringNew().call(() -> claim(room));
        } catch (RuntimeException e) {
            // nothing was leased; the next tick tries again
            Log.warnf("Could not claim webhook deliveries (%s: %s)", e.getClass().getSimpleName(), e.getMessage());
            return;
        }
        for (List<Claim> batch : batches.values()) {
            inFlight.incrementAndGet();
            Instant stopStarting = clock.now().plus(LEASE.dividedBy(2));
            sendInOrder(batch, 0, new ArrayList<>(), stopStarting)
                    .thenAcceptAsync(this::recordBatch, records)
                    .whenComplete((done, failure) -> {
                        inFlight.decrementAndGet();
                        if (failure != null) {
                            Log.warnf("Recording webhook deliveries failed (%s); their leases run out and they are sent again",
                                    failure.getClass().getSimpleName());
                        }
                        wake();
                    });
        }
    }

    private void recordBatch(List<Sent> sent) {
        boolean disabled = QuarkusTransaction.requiringNew().call(() -> {
            boolean d = record(sent);
            if (d) {
                position.broadcast(directory.topic());
            }
            return d;
        });
        if (disabled) {
            directory.reload();
        }
    }

    /** In the caller's transaction: locks and leases the due heads with their next events, by webhook. */
    @SuppressWarnings("unchecked")
    private Map<Long, List<Claim>> claim(int webhooks) {
        Instant now = clock.now();
        List<Number> heads = em.createNativeQuery(CLAIM.formatted(webhooks)).setParameter(1, now).getResultList();
        if (heads.isEmpty()) {
            return Map.of();
        }
        Instant leaseUntil = now.plus(LEASE);
        List<WebhookDelivery> headRows = WebhookDelivery.list("id in ?1", heads.stream().map(Number::longValue).toList());
        Map<Long, Webhook> hooks = new HashMap<>();
        Webhook.<Webhook>list("id in ?1", headRows.stream().map(d -> d.webhookId).distinct().toList())
                .forEach(w -> hooks.put(w.id, w));
        Map<Long, List<Claim>> batches = new LinkedHashMap<>();
        List<Long> leased = new ArrayList<>();
        for (WebhookDelivery head : headRows) {
            // the rest of the batch needs no lock of its own: only the holder of the head's claim sends them
            List<WebhookDelivery> batch = new ArrayList<>(List.of(head));
            for (WebhookDelivery next : WebhookDelivery.<WebhookDelivery>find(
                    "webhookId = ?1 and state = ?2 and seq > ?3 order by seq", head.webhookId, DeliveryState.PENDING, head.seq)
                    .range(0, BATCH - 2).list()) {
                if (next.nextAttemptAt.isAfter(now)) {
                    break; // queued again for later: the batch ends before it, to keep the order
                }
                batch.add(next);
            }
            Webhook hook = hooks.get(head.webhookId);
            List<String> secrets = new ArrayList<>(List.of(hook.secret));
            hook.previousSecret(now).ifPresent(secrets::add);
            List<Claim> claimed = new ArrayList<>();
            for (WebhookDelivery d : batch) {
                claimed.add(new Claim(d.id, d.webhookId, d.seq, d.body, hook.url, secrets, leaseUntil));
                leased.add(d.id);
            }
            batches.put(head.webhookId, claimed);
        }
        em.createNativeQuery("update webhook_delivery set lease_until = ?1 where id in (?2)")
                .setParameter(1, leaseUntil).setParameter(2, leased).executeUpdate();
        return batches;
    }

    /**
     * Sends the batch from {@code index} on, each event after the previous one was delivered; after a
     * failure, once {@code stopStarting} has passed, or when the webhook is no longer active, the rest
     * is left untried.
     */
    private CompletableFuture<List<Sent>> sendInOrder(List<Claim> batch, int index, List<Sent> sent, Instant stopStarting) {
        if (index == batch.size() || !running || clock.now().isAfter(stopStarting)
                || !directory.isActive(batch.get(index).webhookId())) {
            // done, shutting down, out of time, or the webhook was disabled or deleted meanwhile
            for (int i = index; i < batch.size(); i++) {
                sent.add(new Sent(batch.get(i), null, null));
            }
            return CompletableFuture.completedFuture(sent);
        }
        Claim claim = batch.get(index);
        Instant at = clock.now();
        return attempt(claim, at).thenComposeAsync(outcome -> {
            sent.add(new Sent(claim, at, outcome));
            if (!outcome.delivered()) {
                return sendInOrder(batch, batch.size(), sent, stopStarting);
            }
            return sendInOrder(batch, index + 1, sent, stopStarting);
        }, attempts);
    }

    private CompletableFuture<WebhookSender.Outcome> attempt(Claim claim, Instant at) {
        TargetGuard.Target target;
        try {
            target = guard.check(claim.url());
        } catch (TargetGuard.Refused refused) {
            return CompletableFuture.completedFuture(new WebhookSender.Outcome(null, "not sent: " + refused.getMessage(), 0));
        }
        String id = WebhookSigner.messageId(claim.webhookId(), claim.seq());
        long timestamp = at.getEpochSecond();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("user-agent", "rectrack-webhooks/1.0")
                .add("webhook-id", id)
                .add("webhook-timestamp", Long.toString(timestamp))
                .add("webhook-signature", WebhookSigner.signatures(claim.secrets(), id, timestamp, claim.body()));
        return sender.send(target, headers, claim.body());
    }

    /** In the caller's transaction: logs each attempt and moves its delivery on. True if a webhook was disabled. */
    private boolean record(List<Sent> sent) {
        boolean disabled = false;
        Instant now = clock.now();
        List<Duration> delays = config.retryDelays();
        Map<Long, WebhookDelivery> rows = new HashMap<>();
        WebhookDelivery.<WebhookDelivery>list("id in ?1", sent.stream().map(s -> s.claim().deliveryId()).toList())
                .forEach(d -> rows.put(d.id, d));
        for (Sent s : sent) {
            WebhookDelivery d = rows.get(s.claim().deliveryId());
            boolean stillOurs = d != null && d.state == DeliveryState.PENDING && s.claim().leaseUntil().equals(d.leaseUntil);
            if (s.outcome() == null) {
                if (stillOurs) {
                    d.leaseUntil = null; // not tried: free for the next claim
                }
                continue;
            }
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = s.claim().deliveryId();
            attempt.attemptedAt = s.at();
            attempt.statusCode = s.outcome().status();
            attempt.durationMs = s.outcome().durationMs();
            attempt.error = s.outcome().error() == null ? null : shorten(s.outcome().error(), 500);
            attempt.persist();
            if (!stillOurs) {
                continue; // the claim ran out and another worker took over (or a retry queued it anew)
            }
            d.leaseUntil = null;
            d.attempts++;
            if (s.outcome().delivered()) {
                d.state = DeliveryState.DELIVERED;
                d.deliveredAt = now;
                delivered.increment();
                continue;
            }
            failed.increment();
            Integer status = s.outcome().status();
            if (status != null && status == 410) {
                d.state = DeliveryState.GIVEN_UP;
                givenUp.increment();
                disabled |= disable(d.webhookId, "The receiver answered 410 Gone to event " + d.seq
                        + ", asking for no more deliveries", now);
            } else if (d.attempts > delays.size()) {
                d.state = DeliveryState.GIVEN_UP;
                givenUp.increment();
                disabled |= disable(d.webhookId, "Gave up on event " + d.seq + " after " + d.attempts
                        + " failed attempts (every retry of rectrack.webhooks.retry-delays); the last: " + s.outcome().error(), now);
            } else {
                d.nextAttemptAt = now.plus(jitter(delays.get(d.attempts - 1)));
            }
        }
        return disabled;
    }

    private static boolean disable(long webhookId, String reason, Instant now) {
        Webhook hook = Webhook.findById(webhookId);
        if (hook == null || !hook.active) {
            return false;
        }
        hook.disable(reason, now);
        hook.changed(now);
        Log.warnf("Webhook %d disabled: %s", webhookId, reason);
        return true;
    }

    /** A delay varied by up to a fifth either way, so that receivers that failed together are not retried together. */
    static Duration jitter(Duration delay) {
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }

    /** Seconds since the oldest event still owed to an active webhook was recorded; 0 when none is. */
    private long lag() {
        Object oldest = em.createNativeQuery("select min(d.created_at) from webhook_delivery d where d.state = 'PENDING' "
                + "and d.webhook_id in (select w.id from webhook w where w.active = true and w.deleted_at is null)", Instant.class)
                .getSingleResult();
        return oldest == null ? 0 : Math.max(0, Duration.between((Instant) oldest, clock.now()).toSeconds());
    }

    /** Deletes the log of events older than the retention, except what is still owed to a live webhook. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        Instant before = clock.now().minus(config.logRetention());
        String old = "select d.id from webhook_delivery d where d.created_at < ?1 and (d.state <> 'PENDING' "
                + "or d.webhook_id in (select w.id from webhook w where w.deleted_at is not null))";
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("delete from webhook_attempt where delivery_id in (" + old + ")").setParameter(1, before).executeUpdate();
                return em.createNativeQuery("delete from webhook_delivery where id in (" + old + ")").setParameter(1, before).executeUpdate();
            });
            if (deleted > 0) {
                Log.infof("Pruned %d webhook deliveries older than %s", deleted, config.logRetention());
            }
        } catch (RuntimeException e) {
            Log.warnf("Could not prune the webhook log (%s)", e.getClass().getSimpleName());
        }
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
