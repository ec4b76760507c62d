package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProgressUpdate")
public record ProgressUpdateView(long id,
                                 @Schema(description = "History entries never change, so their version is always 1", examples = "1") int version,
                                 String recommendation, String institution, Stage stage,
                                 @Schema(nullable = true) Integer percentComplete, String summary, LocalDate reportedOn, List<String> evidence,
                                 Instant recordedAt, String recordedBy) {

    public static ProgressUpdateView of(ProgressUpdate p) {
        return new ProgressUpdateView(p.id, 1, p.recommendation.reference, p.institution.code, p.stage,
                p.percentComplete, p.summary, p.reportedOn, p.evidence, p.recordedAt, p.recordedBy);
    }
}
