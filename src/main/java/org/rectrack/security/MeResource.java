package org.rectrack.security;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.Caller;

import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/me")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final SecurityIdentity identity;
    private final Caller caller;
    private final RateLimits limits;

    MeResource(SecurityIdentity identity, Caller caller, RateLimits limits) {
        this.identity = identity;
        this.caller = caller;
        this.limits = limits;
    }

    /** Open to everyone, so that a script can check its key (a refused key is still a 401). */
    @GET
    @PermitAll
    @Operation(operationId = "getMe", summary = "Who the service takes the caller for: key name, role, institutions, limit")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(schema = @Schema(implementation = MeView.class)))
    public MeView me() {
        KeyDirectory.Entry key = identity.getAttribute(ApiKeyIdentityProvider.KEY);
        return new MeView(caller.name(), key != null, key == null ? null : key.id(), caller.role().orElse(null),
                identity.getRoles().stream().sorted().toList(), caller.institutions().stream().sorted().toList(),
                key == null ? limits.anonymousPerMinute() : limits.perMinute(key));
    }
}
