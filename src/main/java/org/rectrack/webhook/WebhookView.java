package org.rectrack.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Versioned;

/** A webhook as lists and reads show it: everything but its secret, which nobody can see again. */
@Schema(name = "Webhook")
public record WebhookView(
        long id,
        String url,
        @Schema(description = "Feed types sent, or [\"*\"]") List<String> events,
        WebhookFilter filter,
        @Schema(nullable = true) String description,
        @Schema(description = "Whether events are being sent; false after it was disabled, by an admin or by failures") boolean active,
        @Schema(nullable = true, description = "Why it was disabled: by whom, or which event failed how; null while active")
        String disabledReason,
        @Schema(nullable = true) Instant disabledAt,
        @Schema(nullable = true, description = "Until when deliveries also carry a signature made with the secret before the last rotation")
        Instant previousSecretValidUntil,
        @Schema(description = "Name of the key that registered it") String createdBy,
        long version,
        Instant createdAt,
        Instant updatedAt) implements Versioned {

    static WebhookView of(Webhook w, Instant now) {
        return new WebhookView(w.id, w.url, w.events, w.filter().normalised(), w.description, w.active, w.disabledReason,
                w.disabledAt, w.previousSecret(now).isPresent() ? w.previousSecretUntil : null, w.createdBy, w.version,
                w.createdAt, w.updatedAt);
    }

    WebhookInput input() {
        return new WebhookInput(url, events, filter, description, active);
    }
}
