package org.rectrack.webhook;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.rectrack.changes.Broadcast;
import org.rectrack.changes.BroadcastCopy;
import org.rectrack.changes.ChangeType;
import org.rectrack.changes.FeedPosition;

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

    private final BroadcastCopy copy;
    private volatile List<Subscriber> active = List.of();

    WebhookDirectory(FeedPosition position) {
        this.copy = new BroadcastCopy(TOPIC, "webhooks", position, this::read);
    }

    void start(@Observes StartupEvent started) {
        copy.refresh();
    }

    /** The topic this instance broadcasts its webhook changes under. */
    String topic() {
        return copy.ownTopic();
    }

    List<Subscriber> active() {
        return active;
    }

    /** Whether the webhook is active as far as this instance knows: a batch in flight stops when it is not. */
    boolean isActive(long id) {
        return active.stream().anyMatch(s -> s.id() == id);
    }

    /** Reads the active webhooks again, after a change made here. */
    void reload() {
        copy.readNow();
    }

    private void read() {
        active = QuarkusTransaction.requiringNew().call(() -> Webhook.allActive().stream()
                .map(w -> new Subscriber(w.id, types(w.events), w.filter().normalised())).toList());
    }

    void heard(@Observes Broadcast broadcast) {
        copy.heard(broadcast);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        copy.refresh();
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
