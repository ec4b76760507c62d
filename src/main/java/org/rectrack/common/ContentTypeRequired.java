package org.rectrack.common;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is: a POST, PUT or PATCH that sends one without a Content-Type, or with
 * a wildcard such as {@code *}{@code /*}, is a 415 rather than a body read as whatever the route expects.
 */
public class ContentTypeRequired {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean writes = HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)
                || HttpMethod.PATCH.equals(method);
        if (!writes || !hasBody(request)) {
            return;
        }
        if (!namesAType(request)) {
            throw ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(
                    "A body needs a Content-Type naming its media type, such as application/json");
        }
    }

    private static boolean namesAType(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            MediaType type = request.getMediaType();
            return type != null && !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false; // not a media type at all
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.trim().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }
}
