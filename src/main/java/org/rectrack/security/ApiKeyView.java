package org.rectrack.security;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Role;

/** A key as lists and reads show it: everything but the secret, which nobody can see again. */
@Schema(name = "ApiKey")
public record ApiKeyView(
        long id,
        String name,
        Role role,
        @Schema(description = "Codes of the institutions a reporter reports for; empty for other roles") List<String> institutions,
        @Schema(nullable = true, description = "Requests per minute for this key; null: the service's default") Integer rateLimitPerMinute,
        @Schema(description = "Name of the key that created this one") String createdBy,
        Instant createdAt,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true, description = "When the key was last used, to within a few minutes") Instant lastUsedAt,
        @Schema(nullable = true, description = "When the key was revoked; a revoked key is refused everywhere within 5 seconds") Instant revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id, key.name, key.role, key.institutions.stream().map(i -> i.code).sorted().toList(),
                key.rateLimitPerMinute, key.createdBy, key.createdAt, key.expiresAt, key.lastUsedAt, key.revokedAt);
    }
}
