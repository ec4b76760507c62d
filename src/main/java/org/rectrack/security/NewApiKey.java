package org.rectrack.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.ShownOnce;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer that created a key: the key as lists show it, plus its secret, this once. */
@Schema(name = "NewApiKey", description = "A key as lists show it (ApiKey), plus its secret")
public record NewApiKey(
        @JsonUnwrapped @Schema(hidden = true) ApiKeyView apiKey,
        @Schema(nullable = true, examples = "rtk_3q2-7wEXAMPLEnot4realUseTheOneYouGetBackAbcd",
                description = "The key to send as `Authorization: Bearer <key>`. Shown in this answer only: the server keeps a hash. "
                        + "null in the replay of an Idempotency-Key, which never repeats it")
        String key) implements ShownOnce {

    @Override
    public Object withoutSecret() {
        return new NewApiKey(apiKey, null);
    }
}
