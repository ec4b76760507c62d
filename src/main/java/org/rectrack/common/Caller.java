package org.rectrack.common;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Who is asking, as services need it: the name that {@code recordedBy} keeps, the scope of
 * idempotency keys, and what a reporter may write about. It reads the request's security identity,
 * which the API-key mechanism built; outside an HTTP request (the demo data at start) the caller is
 * the service itself, {@value #SYSTEM}.
 */
@ApplicationScoped
public class Caller {

    public static final String ANONYMOUS = "anonymous";
    /** Writes made by the service itself, not through the API. */
    public static final String SYSTEM = "system";

    /** Identity attributes the API-key identity provider sets. */
    public static final String KEY_ID = "rectrack.key-id";
    public static final String ROLE = "rectrack.role";
    public static final String INSTITUTIONS = "rectrack.institutions";

    /** The name written as {@code recordedBy}: the key's name. */
    public String name() {
        return identity().map(i -> i.isAnonymous() ? ANONYMOUS : i.getPrincipal().getName()).orElse(SYSTEM);
    }

    /**
     * Whose idempotency keys these are: one key's, even when two keys share a name (as during a
     * rotation); the bootstrap key has no id and is the admin's.
     */
    public String scope() {
        return identity().map(i -> i.isAnonymous() ? ANONYMOUS
                : i.getAttribute(KEY_ID) instanceof Long id ? "key:" + id : i.getPrincipal().getName()).orElse(SYSTEM);
    }

    /** The key's role; empty for anonymous callers and for the service itself. */
    public Optional<Role> role() {
        return identity().map(i -> i.getAttribute(ROLE) instanceof Role r ? r : null);
    }

    /** The codes of the institutions a reporter's key is for; empty for every other caller. */
    @SuppressWarnings("unchecked")
    public Set<String> institutions() {
        return identity().map(i -> i.getAttribute(INSTITUTIONS) instanceof Set<?> s ? (Set<String>) s : Set.<String>of())
                .orElse(Set.of());
    }

    /**
     * Why this caller may not write about a recommendation with these addressees, if it may not:
     * a reporter writes only about recommendations addressed to one of its institutions. Editors,
     * admins and the service itself write about any; reaching a write needs at least the reporter
     * role, which the resources check first.
     */
    public Optional<ProblemException> refusalFor(Collection<String> addressees) {
        if (!onlyReports()) {
            return Optional.empty();
        }
        Set<String> mine = institutions();
        return addressees.stream().anyMatch(mine::contains) ? Optional.empty()
                : Optional.of(ProblemType.FORBIDDEN.problem(
                        "This key reports for " + String.join(", ", sorted(mine))
                                + "; the recommendation is not addressed to any of them"));
    }

    /** True for a reporter: its writes are limited to its institutions' recommendations. */
    public boolean onlyReports() {
        return role().map(r -> r == Role.REPORTER).orElse(false);
    }

    private static Collection<String> sorted(Set<String> codes) {
        return codes.stream().sorted().toList();
    }

    private static Optional<SecurityIdentity> identity() {
        if (!Arc.container().requestContext().isActive()
                || Arc.container().instance(CurrentVertxRequest.class).get().getCurrent() == null) {
            return Optional.empty();
        }
        return Optional.of(Arc.container().instance(SecurityIdentity.class).get());
    }
}
