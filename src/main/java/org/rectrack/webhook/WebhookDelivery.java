package org.rectrack.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * The outbox: one event owed to one webhook, written in the transaction of the change it announces,
 * so a committed change is never lost and a rolled-back one never sent.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntity {

    @Column(name = "webhook_id", nullable = false)
    public long webhookId;

    @Column(nullable = false)
    public long seq;

    @Column(name = "event_type", nullable = false, length = 32)
    public String eventType;

    @Column(name = "event_action", nullable = false, length = 16)
    public String eventAction;

    @Column(name = "event_key", nullable = false, length = 130)
    public String eventKey;

    /** The event as JSON, exactly the bytes every attempt sends and signs. */
    @Column(nullable = false, length = 1_000_000)
    public String body;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    public DeliveryState state;

    /** Attempts since it was queued (or queued again by a retry): the index into the retry schedule. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** While a worker sends it: until when the claim holds. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** When an admin last queued it again. */
    @Column(name = "requeued_at")
    public Instant requeuedAt;

    /** The webhook's deliveries before the given id, newest first. */
    static List<WebhookDelivery> pageBefore(long webhookId, long beforeId, int limit) {
        return find("webhookId = ?1 and id < ?2 order by id desc", webhookId, beforeId).range(0, limit - 1).list();
    }
}
