package org.rectrack.recommendation;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.HttpUrl;
import org.rectrack.common.Keys;

/** A progress report to append to a recommendation's history. */
@Schema(name = "ProgressUpdateInput")
public record ProgressUpdateInput(
        @NotBlank @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE)
        @Schema(examples = "kz-cec", description = "Code of the reporting institution") String institution,
        @NotNull Stage stage,
        @Min(0) @Max(100) Integer percentComplete,
        @NotBlank @Size(max = 4000) @Schema(examples = "Draft amendments to the election law submitted to the Majilis") String summary,
        @NotNull @PastOrPresent @Schema(examples = "2022-09-01") LocalDate reportedOn,
        @Size(max = 5) List<@NotNull @HttpUrl String> evidence) {
}
