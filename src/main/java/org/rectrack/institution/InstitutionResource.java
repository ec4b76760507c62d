package org.rectrack.institution;

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

@Path("/api/v1/institutions")
@Tag(name = "Institutions", description = "The bodies recommendations are addressed to")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class InstitutionResource {

    private final InstitutionService institutions;

    InstitutionResource(InstitutionService institutions) {
        this.institutions = institutions;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listInstitutions", summary = "List institutions in code order")
    @APIResponse(responseCode = "200", description = "A page of institutions", content = @Content(schema = @Schema(implementation = InstitutionPage.class)))
    public Response list(@QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-2 code") String country,
                         @QueryParam("kind") @Parameter(schema = @Schema(implementation = InstitutionKind.class)) String kind,
                         @BeanParam PageRequest page, @Context UriInfo uri) {
        QueryValues q = new QueryValues();
        String countryCode = q.country("country", country);
        InstitutionKind institutionKind = q.enumValue("kind", kind, InstitutionKind.class);
        int limit = page.limit();
        q.check();
        return Responses.page(institutions.list(countryCode, institutionKind, limit, page.cursor("code")), uri);
    }

    @GET
    @FeedTagged
    @Path("{code}")
    @Operation(operationId = "getInstitution", summary = "Read one institution")
    @APIResponse(responseCode = "200", description = "The institution", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    public Response get(@PathParam("code") String code) {
        return Responses.item(institutions.find(code).orElseThrow(() -> ProblemException.notFound("institution", code)));
    }

    @POST
    @RolesAllowed(Role.ADMINISTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createInstitution", summary = "Add an institution")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    public Response create(@Valid @NotNull InstitutionInput input, @Context UriInfo uri) {
        return Responses.created(uri, input.code(), institutions.create(input));
    }

    @PATCH
    @RolesAllowed(Role.ADMINISTER)
    @Path("{code}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchInstitution", summary = "Change an institution (JSON merge patch)")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = InstitutionInput.class)))
    @APIResponse(responseCode = "200", description = "The changed institution", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    public Response patch(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return Responses.item(institutions.patch(code, ifMatch, patch));
    }

    @Schema(name = "InstitutionPage")
    public record InstitutionPage(List<InstitutionView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
