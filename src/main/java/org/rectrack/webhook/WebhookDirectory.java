package org.rectrack.webhook;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.rectrack.changes.Broadcast;
import org.rectrack.changes.ChangeType;
import org.rectrack.changes.FeedPosition;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The active webhooks in memory, so that a write with no webhook to serve costs nothing and one with
 * webhooks costs no query to find them. Read again after a webhook change made here, when another
 * instance broadcasts one, and every second while broadcasts cannot be trusted (as {@code KeyDirectory}).
 */
@ApplicationScoped
public class WebhookDirectory {

    static final String TOPIC = "webhooks";

    /** What the outbox needs to know of an active webhook. */
    record Subscriber(long id, Set<ChangeType> types, WebhookFilter filter) {

        boolean wants(ChangeType type) {
            return types.contains(type);
        }
    }

    private final FeedPosition position;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile List<Subscriber> active = List.of();

    WebhookDirectory(FeedPosition position) {
        this.position = position;
    }

    void start(@Observes StartupEvent started) {
        refresh();
    }

    List<Subscriber> active() {
        return active;
    }

    /** Whether the webhook is active as far as this instance knows: a batch in flight stops when it is not. */
    boolean isActive(long id) {
        return active.stream().anyMatch(s -> s.id() == id);
    }

    /** Reads the active webhooks again, in a transaction of its own. */
    void reload() {
        stale.set(false);
        active = QuarkusTransaction.requiringNew().call(() -> Webhook.allActive().stream()
                .map(w -> new Subscriber(w.id, types(w.events), w.filter().normalised())).toList());
    }

    void heard(@Observes Broadcast broadcast) {
        if (broadcast.concerns(TOPIC)) {
            stale.set(true);
        }
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (stale.get() || !position.hearsEveryCommit()) {
            try {
                reload();
            } catch (RuntimeException e) {
                stale.set(true);
                Log.warnf("Could not read the webhooks again (%s); the previous copy stays in use", e.getClass().getSimpleName());
            }
        }
    }

    static Set<ChangeType> types(List<String> events) {
        if (events.contains(Webhook.ALL)) {
            return EnumSet.allOf(ChangeType.class);
        }
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        events.forEach(e -> types.add(ChangeType.ofWire(e)));
        return types;
    }
}
