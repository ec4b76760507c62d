package org.rectrack.recommendation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Keys;

/** What a client may write about a recommendation; status and history-derived fields are the server's. */
@Schema(name = "RecommendationInput")
public record RecommendationInput(
        @NotBlank @Pattern(regexp = Keys.REFERENCE, message = Keys.REFERENCE_MESSAGE)
        @Schema(examples = "KZ-2021-PARL-R07", pattern = Keys.REFERENCE) String reference,
        @NotBlank @Pattern(regexp = Keys.REFERENCE, message = Keys.REFERENCE_MESSAGE)
        @Schema(examples = "KZ-2021-PARL", description = "Reference of the report") String report,
        @NotNull @Min(1) @Max(100000) @Schema(examples = "7", description = "Order in the report") Integer number,
        @NotBlank @Size(max = 4000) String text,
        @Schema(defaultValue = "false") Boolean priority,
        @Size(max = 20) @Schema(description = "Theme codes") List<@NotNull @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE) String> themes,
        @Size(max = 20) @Schema(description = "Institution codes") List<@NotNull @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE) String> addressees,
        LocalDate targetDate,
        @Schema(defaultValue = "NO_RESPONSE") StateResponse response,
        @Pattern(regexp = Keys.REFERENCE, message = Keys.REFERENCE_MESSAGE)
        @Schema(description = "Reference of an earlier recommendation this one repeats") String repeats,
        @Schema(defaultValue = "false") Boolean archived) {

    /**
     * This input as the stored recommendation would read it back ({@link Recommendation#toInput()}):
     * defaults filled in, code lists sorted and without repeats. Equal to that means "no change".
     */
    public RecommendationInput normalized() {
        return new RecommendationInput(reference, report, number, text, Boolean.TRUE.equals(priority),
                sortedDistinct(themes), sortedDistinct(addressees), targetDate,
                response == null ? StateResponse.NO_RESPONSE : response, repeats, Boolean.TRUE.equals(archived));
    }

    private static List<String> sortedDistinct(List<String> codes) {
        return codes == null ? List.of() : codes.stream().filter(Objects::nonNull).sorted().distinct().toList();
    }
}
