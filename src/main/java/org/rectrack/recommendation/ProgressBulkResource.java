package org.rectrack.recommendation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.Problem;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/progress-updates")
@Tag(name = "Progress updates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.REPORT)
public class ProgressBulkResource {

    private final ProgressService progress;

    ProgressBulkResource(ProgressService progress) {
        this.progress = progress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProgressUpdates", summary = "Record up to 1000 progress updates of any recommendations at once",
            description = "Each item is a progress update plus the `recommendation` it is about. Items stand alone: "
                    + "the answer has one result per item, in order, with the created progress update or a problem.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BulkProgressUpdate.class, maxItems = Bulk.MAX_ITEMS)))
    @APIResponse(responseCode = "207", description = "One result per item", content = @Content(schema = @Schema(implementation = ProgressUpdateResults.class)))
    public Response addAll(JsonNode items, @Context UriInfo uri) {
        return Bulk.multiStatus(progress.addBulk(items), uri);
    }

    /** One item of the request, for the OpenAPI document: a progress update naming its recommendation. */
    @Schema(name = "BulkProgressUpdate", description = "ProgressUpdateInput plus `recommendation`", allOf = ProgressUpdateInput.class)
    public record BulkProgressUpdate(@Schema(required = true, examples = "KZ-2021-PARL-R07") String recommendation) {
    }

    @Schema(name = "ProgressUpdateResult")
    public record ProgressUpdateResult(int index, int status, 
            @Schema(nullable = true, description = "The created item when status is 201; null otherwise") ProgressUpdateView created,
            @Schema(nullable = true, description = "Why the item was not written; null when it was") Problem problem) {
    }

    @Schema(name = "ProgressUpdateResults")
    public record ProgressUpdateResults(List<ProgressUpdateResult> results, int succeeded, int failed) {
    }
}
