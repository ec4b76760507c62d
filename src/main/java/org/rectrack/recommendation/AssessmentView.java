package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Assessment")
public record AssessmentView(long id,
                             @Schema(description = "History entries never change, so their version is always 1", examples = "1") int version,
                             String recommendation, ImplementationStatus status, @Schema(nullable = true) String rawStatus,
                             AssessorType assessorType, @Schema(nullable = true) String assessorName, LocalDate assessedOn,
                             @Schema(nullable = true) String source, @Schema(nullable = true) String rationale, List<String> evidence, Instant recordedAt, String recordedBy) {

    public static AssessmentView of(Assessment a) {
        return new AssessmentView(a.id, 1, a.recommendation.reference, a.status, a.rawStatus, a.assessorType,
                a.assessorName, a.assessedOn, a.source, a.rationale, a.evidence, a.recordedAt, a.recordedBy);
    }
}
