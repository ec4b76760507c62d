package org.rectrack.changes;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of the change feed, with the item as it is now. */
@Schema(name = "Change")
public record ChangeView(
        @Schema(description = "Position in the feed: gap-free, in commit order") long seq,
        @Schema(enumeration = {"report", "recommendation", "assessment", "progress-update", "institution", "theme"}) String type,
        @Schema(enumeration = {"created", "updated"}) String action,
        @Schema(description = "The item's reference or code; the id of an assessment or progress update") String key,
        Instant at,
        @Schema(description = "The item as it is now (archived items included), in the shape its own route returns") Object data) {
}
