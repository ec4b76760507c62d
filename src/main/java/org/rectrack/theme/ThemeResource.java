package org.rectrack.theme;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.changes.FeedTagged;
import org.rectrack.common.MergePatch;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/themes")
@Tag(name = "Themes", description = "Subject areas of recommendations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class ThemeResource {

    private final ThemeService themes;

    ThemeResource(ThemeService themes) {
        this.themes = themes;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listThemes", summary = "List themes in code order")
    @APIResponse(responseCode = "200", description = "A page of themes", content = @Content(schema = @Schema(implementation = ThemePage.class)))
    public Response list(@BeanParam PageRequest page, @Context UriInfo uri) {
        return Responses.page(themes.list(page.limit(), page.cursor("code")), uri);
    }

    @GET
    @FeedTagged
    @Path("{code}")
    @Operation(operationId = "getTheme", summary = "Read one theme")
    @APIResponse(responseCode = "200", description = "The theme", content = @Content(schema = @Schema(implementation = ThemeView.class)))
    public Response get(@PathParam("code") String code) {
        return Responses.item(themes.find(code).orElseThrow(() -> ProblemException.notFound("theme", code)));
    }

    @POST
    @RolesAllowed(Role.ADMINISTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTheme", summary = "Add a theme")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ThemeView.class)))
    public Response create(@Valid @NotNull ThemeInput input, @Context UriInfo uri) {
        return Responses.created(uri, input.code(), themes.create(input));
    }

    @PATCH
    @RolesAllowed(Role.ADMINISTER)
    @Path("{code}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchTheme", summary = "Change a theme's label or description (JSON merge patch)")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = ThemeInput.class)))
    @APIResponse(responseCode = "200", description = "The changed theme", content = @Content(schema = @Schema(implementation = ThemeView.class)))
    public Response patch(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return Responses.item(themes.patch(code, ifMatch, patch));
    }

    /** The page shape, named for the OpenAPI document. */
    @Schema(name = "ThemePage")
    public record ThemePage(java.util.List<ThemeView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
