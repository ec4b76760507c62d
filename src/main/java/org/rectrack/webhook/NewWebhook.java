package org.rectrack.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.ShownOnce;
import org.rectrack.common.Versioned;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer that registered a webhook or rotated its secret: the webhook, plus its secret, this once. */
@Schema(name = "NewWebhook", description = "A webhook as reads show it (Webhook), plus its signing secret")
public record NewWebhook(
        @JsonUnwrapped @Schema(hidden = true) WebhookView webhook,
        @Schema(nullable = true, examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+EXAMPLEEXA=",
                description = "The signing secret: `whsec_` and the base64 of 32 random bytes; verify `webhook-signature` with the "
                        + "bytes it decodes to. Shown in this answer only. null in the replay of an Idempotency-Key, which never repeats it")
        String secret) implements ShownOnce, Versioned {

    @Override
    public Object withoutSecret() {
        return new NewWebhook(webhook, null);
    }

    /** The webhook's version, so the answer carries the ETag a later PATCH needs. */
    @Override
    public long version() {
        return webhook.version();
    }
}
