package org.rectrack.common;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gives every successful GET of the API a strong ETag and answers a matching If-None-Match with
 * 304 and no body. Items bring their own version tag; other bodies are tagged by their bytes, and a
 * created item without a version gets, in its 201, the same tag its GET gives.
 */
public class ConditionalGet {

    private final ObjectMapper mapper;

    ConditionalGet(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        if (response.getStatus() == 201 && response.getEntity() instanceof Record created
                && response.getHeaderString(HttpHeaders.ETAG) == null) {
            // an item without a version (a history entry) gets the tag its GET will give: that of its bytes
            response.getHeaders().putSingle(HttpHeaders.ETAG, ETags.ofBytes(mapper.writeValueAsBytes(created)));
            return;
        }
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!read || response.getStatus() != 200 || !(response.getEntity() instanceof Record)
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        String tag = response.getHeaderString(HttpHeaders.ETAG);
        if (tag == null) {
            tag = ETags.ofBytes(mapper.writeValueAsBytes(response.getEntity()));
            response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        }
        // Clients may keep the body but must ask again each time; a 304 makes asking cheap.
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (ETags.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }
}
