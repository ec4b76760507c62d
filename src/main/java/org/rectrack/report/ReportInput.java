package org.rectrack.report;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.CountryCode;
import org.rectrack.common.HttpUrl;
import org.rectrack.common.Keys;

/** What a client may write about a report. */
@Schema(name = "ReportInput")
public record ReportInput(
        @NotBlank @Pattern(regexp = Keys.REFERENCE, message = Keys.REFERENCE_MESSAGE)
        @Schema(examples = "KZ-2021-PARL", pattern = Keys.REFERENCE) String reference,
        @NotBlank @Size(max = 300) @Schema(examples = "Republic of Kazakhstan, Parliamentary Elections, 10 January 2021: Final Report") String title,
        @NotBlank @Size(max = 200) @Schema(examples = "OSCE/ODIHR") String issuer,
        @NotNull @CountryCode @Schema(examples = "KZ") String country,
        @Size(max = 100) @Schema(examples = "final report") String kind,
        LocalDate electionDate,
        LocalDate publishedOn,
        @HttpUrl String url,
        @Schema(description = "Archived reports are hidden from lists unless asked for", defaultValue = "false") Boolean archived) {
}
