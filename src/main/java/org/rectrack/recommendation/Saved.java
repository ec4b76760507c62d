package org.rectrack.recommendation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Problem.FieldError;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What writing one draft did, or with a dry run would do; or, when it could not be written, every
 * problem of it (field paths within the draft). Nothing of a batch is written unless every draft is valid.
 */
public record Saved(Outcome outcome, List<FieldError> problems) {

    /** Whether a draft made a new recommendation, changed one, or matched it exactly (no new version). */
    @Schema(name = "ImportOutcome", enumeration = {"created", "updated", "unchanged"})
    public enum Outcome {
        @JsonProperty("created") CREATED,
        @JsonProperty("updated") UPDATED,
        @JsonProperty("unchanged") UNCHANGED
    }
}
