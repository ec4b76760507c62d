package org.rectrack.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.common.HttpLayer;
import org.rectrack.common.ProblemType;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus's CORS filter does CORS (preflights, the allow and expose headers); it answers an origin it
 * does not allow with a 403 and no body. This filter, just before it, answers the plainly foreign
 * origin itself, with the 403 problem every other refusal is: an {@code Origin} that is not this
 * service's own and not one of {@code quarkus.http.cors.origins}. Wildcards and regular expressions in
 * that list are Quarkus's to judge, so with one of them this filter steps aside.
 */
@ApplicationScoped
public class CorsOrigins {

    /** Just before CORS (300). */
    private static final int FILTER_PRIORITY = 301;

    private final boolean enabled;
    private final List<String> origins;
    private final HttpLayer http;

    CorsOrigins(@ConfigProperty(name = "quarkus.http.cors.enabled") boolean enabled,
                @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins, HttpLayer http) {
        this.enabled = enabled;
        this.origins = origins.orElse(List.of());
        this.http = http;
    }

    void install(@Observes Filters filters) {
        if (enabled && origins.stream().noneMatch(o -> o.equals("*") || o.startsWith("/"))) {
            filters.register(this::check, FILTER_PRIORITY);
        }
    }

    private void check(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        String own = context.request().scheme() + "://" + context.request().authority();
        if (origin == null || origins.contains(origin) || origin.equals(own)) {
            context.next();
        } else {
            http.send(context, ProblemType.FORBIDDEN.problem("Requests from the origin " + shorten(origin)
                    + " are not allowed; quarkus.http.cors.origins lists the origins that are"));
        }
    }

    private static String shorten(String origin) {
        return origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
    }
}
