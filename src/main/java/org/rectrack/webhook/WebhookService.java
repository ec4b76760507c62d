package org.rectrack.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.rectrack.changes.FeedPosition;
import org.rectrack.common.Caller;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.common.Secrets;
import org.rectrack.common.ServiceClock;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registers, changes and deletes webhooks, rotates their secrets and reads their delivery log. Each
 * change commits, then this instance reads its active webhooks again (so the next write here already
 * serves the change) and the other instances hear of it by broadcast.
 */
@ApplicationScoped
public class WebhookService {

    /** 32 random bytes, as DESIGN.md asks: 44 base64 characters after the prefix. */
    private static final int SECRET_BYTES = 32;
    private static final Set<String> READ_ONLY = MergePatch.readOnly(WebhookView.class, WebhookInput.class, "id");

    private final WebhookDirectory directory;
    private final WebhookWorker worker;
    private final TargetGuard guard;
    private final MergePatch mergePatch;
    private final FeedPosition position;
    private final WebhooksConfig config;
    private final ServiceClock clock;
    private final Caller caller;

    WebhookService(WebhookDirectory directory, WebhookWorker worker, TargetGuard guard, MergePatch mergePatch,
                   FeedPosition position, WebhooksConfig config, ServiceClock clock, Caller caller) {
        this.directory = directory;
        this.worker = worker;
        this.guard = guard;
        this.mergePatch = mergePatch;
        this.position = position;
        this.config = config;
        this.clock = clock;
        this.caller = caller;
    }

    public NewWebhook create(WebhookInput input) {
        checkTarget(input.url());
        String secret = Secrets.generateBase64(WebhookSigner.PREFIX, SECRET_BYTES);
        WebhookView created = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            Webhook hook = new Webhook();
            apply(hook, input, now);
            hook.secret = secret;
            hook.createdBy = caller.name();
            hook.created(now);
            hook.persist();
            position.broadcast(directory.topic());
            return WebhookView.of(hook, now);
        });
        directory.reload();
        return new NewWebhook(created, secret);
    }

    public Page<WebhookView> list(int limit, Cursor after) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            return Page.of(Webhook.pageAfter(after == null ? 0 : after.id(), limit + 1), limit, w -> WebhookView.of(w, now),
                    w -> new Cursor("id", null, w.id));
        });
    }

    public Optional<WebhookView> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Webhook.live(id).map(w -> WebhookView.of(w, clock.now())));
    }

    public WebhookView patch(long id, String ifMatch, JsonNode patch) {
        WebhookView changed = QuarkusTransaction.requiringNew().call(() -> {
            Webhook hook = Webhook.liveForUpdate(id).orElseThrow(() -> notFound(id));
            ETags.requireMatch(ifMatch, hook.etag());
            Instant now = clock.now();
            WebhookInput current = WebhookView.of(hook, now).input();
            WebhookInput edited = mergePatch.apply(current, patch, READ_ONLY);
            if (!edited.url().equals(current.url())) {
                checkTarget(edited.url());
            }
            if (!normalised(edited).equals(normalised(current))) {
                apply(hook, edited, now);
                hook.changed(now);
                position.broadcast(directory.topic());
                Webhook.flush(); // the answer's ETag is the new version
            }
            return WebhookView.of(hook, now);
        });
        directory.reload();
        return changed;
    }

    /** Deletes a webhook: it gets nothing more, and it and its log are gone from the API. */
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Webhook hook = Webhook.liveForUpdate(id).orElseThrow(() -> notFound(id));
            Instant now = clock.now();
            hook.active = false;
            hook.deletedAt = now;
            hook.changed(now);
            position.broadcast(directory.topic());
        });
        directory.reload();
    }

    /** A new secret; the previous one keeps signing (a second signature) for the grace period. */
    public NewWebhook rotateSecret(long id) {
        String secret = Secrets.generateBase64(WebhookSigner.PREFIX, SECRET_BYTES);
        WebhookView rotated = QuarkusTransaction.requiringNew().call(() -> {
            Webhook hook = Webhook.liveForUpdate(id).orElseThrow(() -> notFound(id));
            Instant now = clock.now();
            hook.previousSecret = hook.secret;
            hook.previousSecretUntil = now.plus(config.rotationGrace());
            hook.secret = secret;
            hook.changed(now);
            Webhook.flush();
            return WebhookView.of(hook, now);
        });
        return new NewWebhook(rotated, secret);
    }

    /** The webhook's deliveries, newest first, each with its attempts. */
    public Page<DeliveryView> deliveries(long id, int limit, Cursor before) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Webhook.live(id).orElseThrow(() -> notFound(id));
            List<WebhookDelivery> rows = WebhookDelivery.pageBefore(id, before == null ? Long.MAX_VALUE : before.id(), limit + 1);
            Map<Long, List<WebhookAttempt>> attempts = WebhookAttempt.of(rows.stream().map(d -> d.id).toList()).stream()
                    .collect(Collectors.groupingBy(a -> a.deliveryId));
            return Page.of(rows, limit, d -> DeliveryView.of(d, attempts.getOrDefault(d.id, List.of())),
                    d -> new Cursor("id", null, d.id));
        });
    }

    /**
     * Queues a delivery again, due now and with the whole retry schedule ahead; the worker sends it
     * before the webhook's later events. A disabled webhook must be enabled first.
     */
    public DeliveryView retry(long id, long deliveryId) {
        DeliveryView queued = QuarkusTransaction.requiringNew().call(() -> {
            // the delivery's lock before the webhook's, in the order the worker takes them when it disables one
            Optional<WebhookDelivery> found = WebhookDelivery.findByIdOptional(deliveryId, LockModeType.PESSIMISTIC_WRITE);
            Webhook hook = Webhook.liveForUpdate(id).orElseThrow(() -> notFound(id));
            WebhookDelivery d = found.filter(x -> x.webhookId == id)
                    .orElseThrow(() -> ProblemException.notFound("delivery", deliveryId + " of webhook " + id));
            if (!hook.active) {
                throw ProblemType.CONFLICT.problem("The webhook is disabled (" + hook.disabledReason
                        + "); enable it with PATCH {\"active\": true}, then retry");
            }
            Instant now = clock.now();
            d.state = DeliveryState.PENDING;
            d.attempts = 0;
            d.nextAttemptAt = now;
            d.requeuedAt = now;
            d.leaseUntil = null;
            d.deliveredAt = null;
            return DeliveryView.of(d, WebhookAttempt.of(List.of(d.id)));
        });
        worker.wake();
        return queued;
    }

    private void checkTarget(String url) {
        try {
            guard.check(url);
        } catch (TargetGuard.Refused refused) {
            throw ProblemException.invalid("url", refused.getMessage());
        }
    }

    private static WebhookInput normalised(WebhookInput input) {
        return new WebhookInput(input.url(), input.normalisedEvents(),
                input.filter() == null ? WebhookFilter.NONE : input.filter().normalised(),
                input.description(), input.isActive());
    }

    private void apply(Webhook hook, WebhookInput input, Instant now) {
        hook.url = input.url();
        hook.events = input.normalisedEvents();
        hook.filter(input.filter());
        hook.description = input.description();
        boolean active = input.isActive();
        if (active && !hook.active) {
            hook.disabledReason = null;
            hook.disabledAt = null;
        } else if (!active && hook.active) {
            hook.disable("Disabled by " + caller.name(), now);
        }
        hook.active = active;
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound("webhook", Long.toString(id));
    }
}
