package org.rectrack.theme;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Keys;

/** What a client may write about a theme. */
@Schema(name = "ThemeInput")
public record ThemeInput(
        @NotBlank @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE)
        @Schema(examples = "campaign-finance", pattern = Keys.CODE) String code,
        @NotBlank @Size(max = 200) @Schema(examples = "Campaign finance") String label,
        @Size(max = 2000) String description) {
}
