package org.rectrack.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Sends what the outbox holds. Each round claims, in one short transaction, the oldest undelivered
 * event of each webhook that is due ({@code select ... for update skip locked}, then a lease), sends
 * them at once (one per webhook, so each webhook gets its events in {@code seq} order), and records
 * every outcome in the next short transaction, which also claims the next round. Any number of
 * instances may run this: a row locked or leased by one is skipped by the others, and a webhook whose
 * oldest event is in flight elsewhere has nothing to claim. A lease that outlives its worker (a crash)
 * expires and the event is sent again: delivery is at least once.
 */
@ApplicationScoped
public class WebhookWorker {

    /** Longer than an attempt can take (15 s) with a wide margin: a live worker never loses its claim. */
    static final Duration LEASE = Duration.ofSeconds(60);

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
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rectrack-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
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

    /** Lets a round in flight record what it sent (its attempts end within 15 s), then stops. */
    @PreDestroy
    void stop() {
        running = false;
        loop.shutdown();
        try {
            if (!loop.awaitTermination(WebhookSender.TOTAL_TIMEOUT_MS + 2_000L, TimeUnit.MILLISECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a round soon; a call while one is queued adds nothing, one during a round queues the next. */
    public void wake() {
        if (running && queued.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RuntimeException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Retries come due and other instances' claims expire without a commit here: look every second. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        wake();
        try {
            lagSeconds.set(QuarkusTransaction.requiringNew().call(this::lag));
        } catch (RuntimeException e) {
            Log.debugf("Could not measure the webhook lag: %s", e.getClass().getSimpleName());
        }
    }

    private void drain() {
        queued.set(false);
        try {
            List<Claim> claims = QuarkusTransaction.requiringNew().call(this::claim);
            while (running && !claims.isEmpty()) {
                List<Sent> sent = send(claims);
                Round round = QuarkusTransaction.requiringNew().call(() -> {
                    boolean disabled = record(sent);
                    if (disabled) {
                        position.broadcast(WebhookDirectory.TOPIC);
                    }
                    return new Round(disabled, claim());
                });
                if (round.disabled()) {
                    directory.reload();
                }
                claims = round.next();
            }
        } catch (RuntimeException e) {
            // the leases run out and the next round (at the latest in a second) takes the events again
            Log.warnf("A webhook delivery round failed (%s: %s); its events are taken up again", e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    /** What a round's recording transaction did: whether it disabled a webhook, and the next claims. */
    private record Round(boolean disabled, List<Claim> next) {
    }

    /** In the caller's transaction: locks and leases the due heads, and reads what sending them needs. */
    @SuppressWarnings("unchecked")
    private List<Claim> claim() {
        Instant now = clock.now();
        List<Number> ids = em.createNativeQuery(CLAIM.formatted(Math.max(1, config.maxInFlight())))
                .setParameter(1, now).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        Instant leaseUntil = now.plus(LEASE);
        em.createNativeQuery("update webhook_delivery set lease_until = ?1 where id in (?2)")
                .setParameter(1, leaseUntil).setParameter(2, claimed).executeUpdate();
        List<WebhookDelivery> deliveries = WebhookDelivery.list("id in ?1 order by id", claimed);
        Map<Long, Webhook> hooks = new HashMap<>();
        Webhook.<Webhook>list("id in ?1", deliveries.stream().map(d -> d.webhookId).distinct().toList())
                .forEach(w -> hooks.put(w.id, w));
        List<Claim> claims = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            Webhook hook = hooks.get(d.webhookId);
            List<String> secrets = new ArrayList<>(List.of(hook.secret));
            hook.previousSecret(now).ifPresent(secrets::add);
            claims.add(new Claim(d.id, d.webhookId, d.seq, d.body, hook.url, secrets, leaseUntil));
        }
        return claims;
    }

    /** Sends every claim at once (each to another webhook) and waits for all of them. */
    private List<Sent> send(List<Claim> claims) {
        List<CompletableFuture<WebhookSender.Outcome>> pending = new ArrayList<>();
        List<Instant> started = new ArrayList<>();
        for (Claim claim : claims) {
            Instant at = clock.now();
            started.add(at);
            pending.add(attempt(claim, at));
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            WebhookSender.Outcome outcome;
            try {
                outcome = pending.get(i).get(WebhookSender.TOTAL_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                outcome = new WebhookSender.Outcome(null, "no complete answer within " + WebhookSender.TOTAL_TIMEOUT_MS / 1000 + " s",
                        WebhookSender.TOTAL_TIMEOUT_MS);
            }
            sent.add(new Sent(claims.get(i), started.get(i), outcome));
        }
        return sent;
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
        for (Sent s : sent) {
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = s.claim().deliveryId();
            attempt.attemptedAt = s.at();
            attempt.statusCode = s.outcome().status();
            attempt.durationMs = s.outcome().durationMs();
            attempt.error = s.outcome().error() == null ? null : shorten(s.outcome().error(), 500);
            attempt.persist();

            WebhookDelivery d = WebhookDelivery.findById(s.claim().deliveryId());
            if (d == null || d.state != DeliveryState.PENDING || !s.claim().leaseUntil().equals(d.leaseUntil)) {
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
                return em.createNativeQuery("delete from webhook_delivery where id in (" + old + ")")
                        .setParameter(1, before).executeUpdate();
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
