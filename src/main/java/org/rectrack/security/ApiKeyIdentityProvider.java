package org.rectrack.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.rectrack.common.Caller;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a presented key into an identity from {@link KeyDirectory}'s memory: no blocking call, no SQL.
 * The identity holds the key's role and every role below it, and, as attributes, what
 * {@link Caller} reads (key id, role, institutions).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    /** The accepted {@link KeyDirectory.Entry}, for this package's own use. */
    static final String KEY = "rectrack.key";

    private final KeyDirectory directory;

    ApiKeyIdentityProvider(KeyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        KeyDirectory.Entry key;
        try {
            key = directory.accept(request.key());
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.name()))
                .addRoles(key.role().grantedNames())
                .addAttribute(Caller.ROLE, key.role())
                .addAttribute(Caller.INSTITUTIONS, key.institutions())
                .addAttribute(KEY, key);
        if (key.id() != null) {
            identity.addAttribute(Caller.KEY_ID, key.id());
        }
        return Uni.createFrom().item(identity.build());
    }
}
