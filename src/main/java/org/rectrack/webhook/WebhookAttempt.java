package org.rectrack.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One attempt to deliver an event: the delivery log. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntity {

    @Column(name = "delivery_id", nullable = false)
    public long deliveryId;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    /** The receiver's status; null when there was no answer (refused target, timeout, connection error). */
    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "duration_ms", nullable = false)
    public int durationMs;

    @Column(length = 500)
    public String error;

    /** Every attempt of these deliveries, oldest first. */
    static List<WebhookAttempt> of(List<Long> deliveryIds) {
        return deliveryIds.isEmpty() ? List.of() : list("deliveryId in ?1 order by id", deliveryIds);
    }
}
