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

@Path("/api/v1/assessments")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.REPORT)
public class AssessmentBulkResource {

    private final AssessmentService assessments;

    AssessmentBulkResource(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addAssessments", summary = "Record up to 1000 assessments of any recommendations at once",
            description = "Each item is an assessment plus the `recommendation` it rates. Items stand alone: "
                    + "the answer has one result per item, in order, with the created assessment or a problem.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BulkAssessment.class, maxItems = Bulk.MAX_ITEMS)))
    @APIResponse(responseCode = "207", description = "One result per item", content = @Content(schema = @Schema(implementation = AssessmentResults.class)))
    public Response addAll(JsonNode items, @Context UriInfo uri) {
        return Bulk.multiStatus(assessments.addBulk(items), uri);
    }

    /** One item of the request, for the OpenAPI document: an assessment naming its recommendation. */
    @Schema(name = "BulkAssessment", description = "AssessmentInput plus `recommendation`", allOf = AssessmentInput.class)
    public record BulkAssessment(@Schema(required = true, examples = "KZ-2021-PARL-R07") String recommendation) {
    }

    @Schema(name = "AssessmentResult")
    public record AssessmentResult(int index, int status, 
            @Schema(nullable = true, description = "The created item when status is 201; null otherwise") AssessmentView created,
            @Schema(nullable = true, description = "Why the item was not written; null when it was") Problem problem) {
    }

    @Schema(name = "AssessmentResults")
    public record AssessmentResults(List<AssessmentResult> results, int succeeded, int failed) {
    }
}
