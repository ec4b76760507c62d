package org.rectrack.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Role;

/** The caller as the service sees it. */
@Schema(name = "Me")
public record MeView(
        @Schema(description = "The key's name (recorded as `recordedBy`), or `anonymous`") String name,
        @Schema(description = "Whether a key was sent") boolean authenticated,
        @Schema(nullable = true, description = "The key's id; null for anonymous callers and the bootstrap admin key") Long keyId,
        @Schema(nullable = true, description = "The key's role; null for anonymous callers") Role role,
        @Schema(description = "Every role the caller holds: its own and those it includes (anonymous callers hold `reader` unless anonymous reads are off)")
        List<String> roles,
        @Schema(description = "Codes of the institutions a reporter reports for") List<String> institutions,
        @Schema(description = "Requests per minute allowed to this caller on each instance") int rateLimitPerMinute) {
}
