package org.rectrack.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event owed to a webhook, with every attempt to deliver it. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        long id,
        @Schema(description = "The event's position in the change feed") long seq,
        @Schema(enumeration = {"report", "recommendation", "assessment", "progress-update", "institution", "theme"}) String type,
        @Schema(enumeration = {"created", "updated"}) String action,
        String key,
        @Schema(description = "The webhook-id header of every attempt, the same each time", examples = "msg_1_42") String messageId,
        DeliveryState state,
        @Schema(nullable = true, description = "When the next attempt is due; null unless PENDING") Instant nextAttemptAt,
        @Schema(nullable = true) Instant deliveredAt,
        @Schema(nullable = true, description = "When an admin last asked for it to be sent again") Instant requeuedAt,
        @Schema(description = "When the event was recorded") Instant createdAt,
        @Schema(description = "Every attempt, oldest first") List<Attempt> attempts) {

    @Schema(name = "WebhookAttempt")
    public record Attempt(
            Instant at,
            @Schema(nullable = true, description = "The receiver's status; null when there was no answer") Integer statusCode,
            @Schema(description = "From the start of the attempt to its end, in milliseconds") int durationMs,
            @Schema(nullable = true, description = "What went wrong; null when it was delivered") String error) {

        static Attempt of(WebhookAttempt a) {
            return new Attempt(a.attemptedAt, a.statusCode, a.durationMs, a.error);
        }
    }

    static DeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        return new DeliveryView(d.id, d.seq, d.eventType, d.eventAction, d.eventKey, WebhookSigner.messageId(d.webhookId, d.seq),
                d.state, d.state == DeliveryState.PENDING ? d.nextAttemptAt : null, d.deliveredAt, d.requeuedAt, d.createdAt,
                attempts.stream().map(Attempt::of).toList());
    }
}
