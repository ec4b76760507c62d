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

@Path("/api/v1/recommendations/{reference}/progress-updates")
@Tag(name = "Progress updates", description = "What implementing institutions report they did; append-only")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class ProgressResource {

    private final ProgressService progress;

    ProgressResource(ProgressService progress) {
        this.progress = progress;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listProgressUpdates", summary = "A recommendation's progress history, oldest first")
    @APIResponse(responseCode = "200", description = "A page of progress updates", content = @Content(schema = @Schema(implementation = ProgressUpdatePage.class)))
    public Response history(@PathParam("reference") String reference, @BeanParam PageRequest page,
                            @Context UriInfo uri) {
        return Responses.page(progress.history(reference, page.limit(), HistoryCursor.from(page)), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProgressUpdate", summary = "Read one progress update")
    @APIResponse(responseCode = "200", description = "The progress update", content = @Content(schema = @Schema(implementation = ProgressUpdateView.class)))
    public Response get(@PathParam("reference") String reference, @PathParam("id") long id) {
        return Responses.item(progress.find(reference, id)
                .orElseThrow(() -> ProblemException.notFound("progress update", reference + "/" + id)));
    }

    @POST
    @RolesAllowed(Role.REPORT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProgressUpdate", summary = "Record a progress update")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = ProgressUpdateView.class)))
    public Response add(@PathParam("reference") String reference, @Valid @NotNull ProgressUpdateInput input,
                        @Context UriInfo uri) {
        ProgressUpdateView created = progress.add(reference, input);
        return Responses.created(uri, Long.toString(created.id()), created);
    }

    @Schema(name = "ProgressUpdatePage")
    public record ProgressUpdatePage(List<ProgressUpdateView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
