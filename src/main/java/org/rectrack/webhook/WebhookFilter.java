package org.rectrack.webhook;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.CountryCode;
import org.rectrack.common.Keys;

/**
 * Narrows a webhook's events by what they are about. Each list matches any of its values; lists
 * together must all match; an empty or absent list does not narrow. An event that has nothing to
 * say about a listed dimension (a theme has no country) does not match it.
 */
@Schema(name = "WebhookFilter", description = "Only events about these; each list matches any of its values, and every non-empty list must match")
public record WebhookFilter(
        @Size(max = 50) @Schema(nullable = true, description = "Report references: the report itself, its recommendations and their history",
                examples = "[\"KZ-2021-PARL\"]")
        List<@NotNull @Pattern(regexp = Keys.REFERENCE, message = Keys.REFERENCE_MESSAGE) String> report,
        @Size(max = 50) @Schema(nullable = true, description = "ISO 3166-1 alpha-2 codes: reports of that country with their recommendations "
                + "and history, and the country's institutions", examples = "[\"KZ\"]")
        List<@NotNull @CountryCode String> country,
        @Size(max = 50) @Schema(nullable = true, description = "Theme codes: recommendations with one of them, their history, and the theme itself",
                examples = "[\"election-administration\"]")
        List<@NotNull @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE) String> theme,
        @Size(max = 50) @Schema(nullable = true, description = "Institution codes: recommendations addressed to one of them, their history, "
                + "progress reported by one of them, and the institution itself", examples = "[\"kz-cec\"]")
        List<@NotNull @Pattern(regexp = Keys.CODE, message = Keys.CODE_MESSAGE) String> addressee) {

    static final WebhookFilter NONE = new WebhookFilter(List.of(), List.of(), List.of(), List.of());

    /** Absent lists as empty ones, without repeats. */
    WebhookFilter normalised() {
        return new WebhookFilter(clean(report), clean(country), clean(theme), clean(addressee));
    }

    boolean narrows() {
        WebhookFilter f = normalised();
        return !f.report.isEmpty() || !f.country.isEmpty() || !f.theme.isEmpty() || !f.addressee.isEmpty();
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }
}
