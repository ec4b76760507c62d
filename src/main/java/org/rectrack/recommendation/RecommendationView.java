package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.ETags;
import org.rectrack.common.Versioned;

@Schema(name = "Recommendation")
public record RecommendationView(
        String reference, String report, int number, String text, boolean priority, List<String> themes,
        List<String> addressees, @Schema(nullable = true) LocalDate targetDate, StateResponse response,
        @Schema(nullable = true, description = "Reference of an earlier recommendation this one repeats") String repeats,
        @Schema(description = "Status of the latest ISSUER assessment") ImplementationStatus status,
        @Schema(nullable = true, description = "The assessedOn of the assessment that set the status; null without one") LocalDate statusAssessedOn,
        @Schema(description = "The latest assessment of each assessor type that has one") List<AssessmentView> latestAssessments,
        @Schema(nullable = true, description = "The latest progress update by reportedOn; null without one") ProgressUpdateView latestProgress,
        @Schema(description = "The target date has passed and the status is neither FULLY_IMPLEMENTED nor NO_LONGER_APPLICABLE") boolean overdue,
        boolean archived, long version, Instant createdAt, Instant updatedAt) implements Versioned {

    /** Overdue turns true with the calendar, not with a write, so it is part of the tag. */
    @Override
    public String etag() {
        return overdue ? ETags.ofString(version + "-overdue") : ETags.ofVersion(version);
    }

    public static RecommendationView of(Recommendation r, LocalDate today) {
        List<AssessmentView> latest = Arrays.stream(AssessorType.values()).map(r::latest).filter(Objects::nonNull)
                .map(AssessmentView::of).toList();
        return new RecommendationView(r.reference, r.report.reference, r.number, r.text, r.priority,
                r.themes.stream().map(t -> t.code).sorted().toList(),
                r.addressees.stream().map(i -> i.code).sorted().toList(),
                r.targetDate, r.response, r.repeats == null ? null : r.repeats.reference, r.status, r.statusAssessedOn,
                latest, r.latestProgress == null ? null : ProgressUpdateView.of(r.latestProgress), r.isOverdue(today),
                r.archived, r.version, r.createdAt, r.updatedAt);
    }
}
