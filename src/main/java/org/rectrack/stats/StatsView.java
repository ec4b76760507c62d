package org.rectrack.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.recommendation.ImplementationStatus;

/** Counts by status per group, and over all matching recommendations. */
@Schema(name = "Stats")
public record StatsView(
        @Schema(description = "The grouping keys, in order") List<String> groupBy,
        @Schema(nullable = true, description = "The day the figures describe (its end); null means now") LocalDate asOf,
        List<Group> groups,
        @Schema(description = "All matching recommendations; with groupBy theme or addressee a recommendation counts once here but in each of its groups") Group total) {

    @Schema(name = "StatsGroup")
    public record Group(
            @Schema(description = "The group's value of each groupBy key") Map<String, Object> key,
            long total,
            @Schema(description = "Count of each status, every status present") Map<ImplementationStatus, Long> byStatus,
            long overdue,
            @Schema(nullable = true, description = "(FULLY_IMPLEMENTED + MOSTLY_IMPLEMENTED) / assessed, leaving out NOT_ASSESSED and NO_LONGER_APPLICABLE; null when none is assessed")
            Double implementationRate) {
    }

    @Schema(name = "Timeline")
    public record Timeline(String interval, LocalDate from, LocalDate to, List<Point> points) {
    }

    @Schema(name = "TimelinePoint")
    public record Point(@Schema(description = "The last day of the period") LocalDate periodEnd, long total,
                        Map<ImplementationStatus, Long> byStatus, long overdue,
                        @Schema(nullable = true, description = "As in StatsGroup; null when none is assessed") Double implementationRate) {
    }
}
