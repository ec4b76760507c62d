package org.rectrack.report;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.changes.FeedTagged;
import org.rectrack.common.MergePatch;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.QueryValues;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Source documents of recommendations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class ReportResource {

    private final ReportService reports;

    ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listReports", summary = "List reports in reference order")
    @APIResponse(responseCode = "200", description = "A page of reports", content = @Content(schema = @Schema(implementation = ReportPage.class)))
    public Response list(@QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-2 code") String country,
                         @QueryParam("archived") @Parameter(description = "false (default): current reports; true: archived ones; any: both", schema = @Schema(enumeration = {"false", "true", "any"})) String archived,
                         @BeanParam PageRequest page, @Context UriInfo uri) {
        QueryValues q = new QueryValues();
        String countryCode = q.country("country", country);
        Boolean archivedOnly = q.choice("archived", archived, List.of("false", "true", "any"), Boolean.FALSE,
                v -> v.equals("any") ? null : Boolean.valueOf(v));
        int limit = page.limit();
        q.check();
        return Responses.page(reports.list(countryCode, archivedOnly, limit, page.cursor("reference")), uri);
    }

    @GET
    @FeedTagged
    @Path("{reference}")
    @Operation(operationId = "getReport", summary = "Read one report")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    public Response get(@PathParam("reference") String reference) {
        return Responses.item(reports.find(reference).orElseThrow(() -> ProblemException.notFound("report", reference)));
    }

    @POST
    @RolesAllowed(Role.EDIT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createReport", summary = "Add a report")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ReportView.class)))
    public Response create(@Valid @NotNull ReportInput input, @Context UriInfo uri) {
        return Responses.created(uri, input.reference(), reports.create(input));
    }

    @PATCH
    @RolesAllowed(Role.EDIT)
    @Path("{reference}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchReport", summary = "Change or archive a report (JSON merge patch)")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = ReportInput.class)))
    @APIResponse(responseCode = "200", description = "The changed report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    public Response patch(@PathParam("reference") String reference, @HeaderParam("If-Match") String ifMatch,
                          JsonNode patch) {
        return Responses.item(reports.patch(reference, ifMatch, patch));
    }

    @Schema(name = "ReportPage")
    public record ReportPage(List<ReportView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
