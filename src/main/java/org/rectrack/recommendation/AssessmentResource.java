package org.rectrack.recommendation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.changes.FeedTagged;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

@Path("/api/v1/recommendations/{reference}/assessments")
@Tag(name = "Assessments", description = "Ratings of how far a recommendation is implemented; append-only")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class AssessmentResource {

    private final AssessmentService assessments;

    AssessmentResource(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listAssessments", summary = "A recommendation's assessment history, oldest first")
    @APIResponse(responseCode = "200", description = "A page of assessments", content = @Content(schema = @Schema(implementation = AssessmentPage.class)))
    public Response history(@PathParam("reference") String reference, @BeanParam PageRequest page,
                            @Context UriInfo uri) {
        return Responses.page(assessments.history(reference, page.limit(), HistoryCursor.from(page)), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAssessment", summary = "Read one assessment")
    @APIResponse(responseCode = "200", description = "The assessment", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response get(@PathParam("reference") String reference, @PathParam("id") long id) {
        return Responses.item(assessments.find(reference, id)
                .orElseThrow(() -> ProblemException.notFound("assessment", reference + "/" + id)));
    }

    @POST
    @RolesAllowed(Role.REPORT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addAssessment", summary = "Record an assessment; an ISSUER assessment may change the recommendation's status")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response add(@PathParam("reference") String reference, @Valid @NotNull AssessmentInput input,
                        @Context UriInfo uri) {
        AssessmentView created = assessments.add(reference, input);
        return Responses.created(uri, Long.toString(created.id()), created);
    }

    @Schema(name = "AssessmentPage")
    public record AssessmentPage(List<AssessmentView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
