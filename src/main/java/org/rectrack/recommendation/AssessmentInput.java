package org.rectrack.recommendation;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.HttpUrl;

/** A rating to append to a recommendation's history. */
@Schema(name = "AssessmentInput")
public record AssessmentInput(
        @NotNull @Schema(description = "The canonical status; NOT_ASSESSED is not a rating") ImplementationStatus status,
        @Size(max = 100) @Schema(examples = "Partially implemented", description = "The assessor's own label") String rawStatus,
        @NotNull AssessorType assessorType,
        @Size(max = 200) @Schema(examples = "OSCE/ODIHR") String assessorName,
        @NotNull @PastOrPresent @Schema(examples = "2023-06-20") LocalDate assessedOn,
        @Size(max = 500) @Schema(examples = "Final report on the early parliamentary elections of 19 March 2023") String source,
        @Size(max = 4000) String rationale,
        @Size(max = 5) List<@NotNull @HttpUrl String> evidence) {
}
