package org.rectrack.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.rectrack.common.Keys;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "Partner access: keys, their roles and institutions (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class ApiKeyResource {

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List every key, revoked ones included, in the order they were created")
    @APIResponse(responseCode = "200", description = "A page of keys, without their secrets", content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    public Response list(@BeanParam PageRequest page, @Context UriInfo uri) {
        int limit = page.limit();
        return Responses.page(keys.list(limit, page.cursor("id")), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getApiKey", summary = "Read one key, without its secret")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    public Response get(@PathParam("id") String id) {
        return Responses.item(keys.find(parse(id)).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create a key; its secret is in this answer and nowhere else",
            description = "The server generates the secret (`rtk_` and 32 random bytes) and keeps only its SHA-256. "
                    + "Copy `key` from this answer: it cannot be shown again.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = NewApiKey.class)))
    public Response create(@Valid @NotNull ApiKeyInput input, @Context UriInfo uri) {
        NewApiKey created = keys.create(input);
        return Responses.created(uri, Long.toString(created.apiKey().id()), created);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key: every instance refuses it within 5 seconds",
            description = "Revoking is for good; revoking a revoked key again changes nothing. The key stays listed.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        keys.revoke(parse(id));
        return Response.noContent().build();
    }

    private static long parse(String id) {
        return Keys.idOrNotFound(id, "API key");
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("API key", Keys.shown(id));
    }

    @Schema(name = "ApiKeyPage")
    public record ApiKeyPage(List<ApiKeyView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
