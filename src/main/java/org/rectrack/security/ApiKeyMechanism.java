package org.rectrack.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.rectrack.common.KeyRefused;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <key>} and hands the key to {@link ApiKeyIdentityProvider}.
 * No header means anonymous; any other header (another scheme, an empty bearer) is refused, so a
 * bad credential is never mistaken for none. Proactive authentication runs this on every request.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer";
    /** Longer than any key the server issues (or a bootstrap key worth its name). */
    private static final int MAX_KEY_LENGTH = 512;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        return bearerKey(header).map(key -> identities.authenticate(new ApiKeyRequest(key)))
                .orElseGet(() -> Uni.createFrom().failure(KeyRefused.because(
                        "The Authorization header must be Bearer followed by an API key; no other scheme is accepted")));
    }

    /** The key in an {@code Authorization} header of the form {@code Bearer <key>}, if it is one. */
    static Optional<String> bearerKey(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER + " ", 0, BEARER.length() + 1)) {
            return Optional.empty();
        }
        String key = header.substring(BEARER.length() + 1).strip();
        return key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(key);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"rectrack\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, BEARER));
    }
}
