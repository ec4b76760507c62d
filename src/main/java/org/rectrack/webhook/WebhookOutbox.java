package org.rectrack.webhook;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.rectrack.changes.ChangeEvent;
import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.changes.ChangeView;
import org.rectrack.changes.Recorded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Writes what every active webhook is owed by a change, in the writer's transaction: one row per
 * (webhook, event) that its types and filter select, holding the event as the feed renders it now.
 * When the transaction commits, this instance's worker is woken; a rollback takes the rows with it.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookDirectory directory;
    private final ChangeFeed feed;
    private final ObjectMapper mapper;
    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final WebhookWorker worker;

    WebhookOutbox(WebhookDirectory directory, ChangeFeed feed, ObjectMapper mapper, EntityManager em,
                  TransactionSynchronizationRegistry transactions, WebhookWorker worker) {
        this.directory = directory;
        this.feed = feed;
        this.mapper = mapper;
        this.em = em;
        this.transactions = transactions;
        this.worker = worker;
    }

    /** Observes the feed's numbered events (fired after {@code ChangeFeed.record} has persisted them). */
    @Transactional(TxType.MANDATORY)
    void enqueue(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) Recorded recorded) {
        List<WebhookDirectory.Subscriber> subscribers = directory.active();
        if (subscribers.isEmpty()) {
            return;
        }
        List<ChangeEvent> wanted = recorded.events().stream()
                .filter(e -> subscribers.stream().anyMatch(s -> s.wants(e.type))).toList();
        if (wanted.isEmpty()) {
            return;
        }
        List<ChangeView> events = feed.views(wanted);
        List<JsonNode> items = events.stream()
                .map(e -> e.data() == null ? (JsonNode) MissingNode.getInstance() : (JsonNode) mapper.valueToTree(e.data())).toList();
        boolean filtered = subscribers.stream().anyMatch(s -> s.filter().narrows());
        List<Subjects.About> abouts = filtered ? Subjects.of(events, items, feed, mapper) : null;
        int rows = 0;
        for (int i = 0; i < events.size(); i++) {
            ChangeView event = events.get(i);
            ChangeType type = ChangeType.ofWire(event.type());
            String body = null;
            for (WebhookDirectory.Subscriber subscriber : subscribers) {
                if (!subscriber.wants(type) || subscriber.filter().narrows() && !abouts.get(i).matches(subscriber.filter())) {
                    continue;
                }
                if (body == null) {
                    body = json(event);
                }
                WebhookDelivery delivery = new WebhookDelivery();
                delivery.webhookId = subscriber.id();
                delivery.seq = event.seq();
                delivery.eventType = event.type();
                delivery.eventAction = event.action();
                delivery.eventKey = event.key();
                delivery.body = body;
                delivery.state = DeliveryState.PENDING;
                delivery.attempts = 0;
                delivery.nextAttemptAt = event.at();
                delivery.createdAt = event.at();
                em.persist(delivery);
                rows++;
            }
        }
        if (rows > 0) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        worker.wake();
                    }
                }
            });
        }
    }

    private String json(ChangeView event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feed event that the feed itself serves could not be written as JSON", e);
        }
    }

}
