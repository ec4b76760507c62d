package org.rectrack.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.common.Role;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The data is public: an anonymous caller holds the reader role, unless
 * {@code rectrack.anonymous-read=false}. It stays anonymous, so a write it tries is a 401 (a key is
 * missing), not a 403.
 */
@ApplicationScoped
public class AnonymousReaders implements SecurityIdentityAugmentor {

    private final boolean anonymousRead;

    AnonymousReaders(@ConfigProperty(name = "rectrack.anonymous-read", defaultValue = "true") boolean anonymousRead) {
        this.anonymousRead = anonymousRead;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!anonymousRead || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Role.READ).build());
    }
}
