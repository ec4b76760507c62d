package org.rectrack.institution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.CountryCode;
import org.rectrack.common.Keys;

/** What a client may write about an institution. */
@Schema(name = "InstitutionInput")
public record InstitutionInput(
        @NotBlank @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE)
        @Schema(examples = "kz-cec", pattern = Keys.CODE) String code,
        @NotBlank @Size(max = 200) @Schema(examples = "Central Election Commission") String name,
        @NotNull @CountryCode @Schema(examples = "KZ") String country,
        @NotNull InstitutionKind kind) {
}
