package org.rectrack.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a declared body over {@code rectrack.max-body-size} with a 413 problem before anything
 * reads it. The HTTP layer's own cap ({@code quarkus.http.limits.max-body-size}) stops bodies
 * that do not declare their length.
 */
public class BodyLimit {

    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "rectrack.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBytes) {
            throw new ProblemException(413, "too-large", "Content too large",
                    "The body has " + length + " bytes; at most " + maxBytes + " are accepted");
        }
    }
}
