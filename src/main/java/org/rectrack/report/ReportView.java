package org.rectrack.report;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Versioned;

@Schema(name = "Report")
public record ReportView(String reference, String title, String issuer, String country, @Schema(nullable = true) String kind,
                         @Schema(nullable = true) LocalDate electionDate, @Schema(nullable = true) LocalDate publishedOn,
                         @Schema(nullable = true) String url, boolean archived, long version,
                         Instant createdAt, Instant updatedAt) implements Versioned {

    public static ReportView of(Report r) {
        return new ReportView(r.reference, r.title, r.issuer, r.country, r.kind, r.electionDate, r.publishedOn, r.url,
                r.archived, r.version, r.createdAt, r.updatedAt);
    }
}
