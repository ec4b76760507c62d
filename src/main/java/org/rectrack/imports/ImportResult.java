package org.rectrack.imports;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.recommendation.Saved;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What an import did, or with {@code dryRun} would do: one outcome per row, in order, and their counts. */
@Schema(name = "ImportResult")
public record ImportResult(
        @Schema(description = "True when nothing was written: the outcomes are those the import would have")
        boolean dryRun,
        Summary summary,
        @Schema(description = "One outcome per imported row, in the order of the body") List<RowOutcome> rows) {

    static ImportResult of(boolean dryRun, List<RowOutcome> rows) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (RowOutcome row : rows) {
            switch (row.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new ImportResult(dryRun, new Summary(created, updated, unchanged), List.copyOf(rows));
    }

    @Schema(name = "ImportSummary")
    public record Summary(int created, int updated, int unchanged) {
    }

    /** The outcome of one row; {@code line} for CSV, {@code index} for JSON. */
    @Schema(name = "ImportRowOutcome", requiredProperties = {"reference", "outcome"})
    public record RowOutcome(
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "CSV: the line the row starts on (the header is line 1)", examples = "2") Integer line,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "JSON: the index of the item in the array, from 0", examples = "0") Integer index,
            @Schema(examples = "KZ-2021-PARL-R07") String reference,
            Saved.Outcome outcome) {
    }

}
