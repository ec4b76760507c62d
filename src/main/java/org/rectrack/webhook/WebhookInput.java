package org.rectrack.webhook;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.HttpUrl;

/** A webhook to register or change. The secret is the server's to generate; nobody can choose it. */
@Schema(name = "WebhookInput")
public record WebhookInput(
        @NotBlank @HttpUrl
        @Schema(examples = "https://partner.example.org/rectrack/events", maxLength = HttpUrl.MAX_LENGTH,
                description = "Where to POST events: http or https, resolving to public addresses only (unless the service allows "
                        + "private targets). Without user name or password; redirects are not followed")
        String url,
        @NotNull @Size(min = 1, max = 7)
        @Schema(description = "Feed types to send (report, recommendation, assessment, progress-update, institution, theme), or [\"*\"] for all of them", examples = "[\"recommendation\", \"assessment\"]")
        List<@NotNull @Pattern(regexp = EVENT, message = EVENT_MESSAGE) String> events,
        @Valid @Schema(nullable = true, description = "Only events about these; absent or null: every event of the types") WebhookFilter filter,
        @Size(max = 500) @Schema(nullable = true, examples = "Dashboard of the CEC's reform office") String description,
        @Schema(nullable = true, defaultValue = "true", description = "false pauses deliveries; true enables a disabled webhook again "
                + "(and clears disabledReason). Events that happen while it is off are not sent later")
        Boolean active) {

    static final String EVENT = "^(\\*|report|recommendation|assessment|progress-update|institution|theme)$";
    static final String EVENT_MESSAGE = "must be *, report, recommendation, assessment, progress-update, institution or theme";

    /** The events as stored: {@code *} alone when it is named, else the types without repeats. */
    List<String> normalisedEvents() {
        return events.contains(Webhook.ALL) ? List.of(Webhook.ALL) : events.stream().distinct().toList();
    }

    boolean isActive() {
        return active == null || active;
    }
}
