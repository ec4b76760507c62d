package org.rectrack.security;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Keys;
import org.rectrack.common.Role;

/** A key to create. The secret is the server's to generate; nobody can choose it. */
@Schema(name = "ApiKeyInput")
public record ApiKeyInput(
        @NotBlank @Size(max = 100)
        @Schema(examples = "cec-progress-script", description = "Who holds the key; recorded as `recordedBy` on its writes") String name,
        @NotNull Role role,
        @Size(max = 50)
        @Schema(description = "Codes of the institutions a `reporter` reports for: at least one for a reporter, none for other roles",
                examples = "[\"kz-cec\"]")
        List<@NotNull @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE) String> institutions,
        @Future @Schema(nullable = true, description = "When the key stops working (UTC); null or absent: never",
                examples = "2027-12-31T23:59:59Z") Instant expiresAt,
        @Min(1) @Max(100_000)
        @Schema(nullable = true, description = "Requests per minute for this key; null or absent: the service's default")
        Integer rateLimitPerMinute) {

    public List<String> institutionCodes() {
        return institutions == null ? List.of() : institutions.stream().distinct().toList();
    }
}
