package org.rectrack.common;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** How resources answer: items with their ETag, creations with Location, pages with a Link. */
public final class Responses {

    private Responses() {
    }

    public static Response item(Object item) {
        Response.ResponseBuilder answer = Response.ok(item);
        if (item instanceof Versioned v) {
            answer.header(HttpHeaders.ETAG, v.etag());
        }
        return answer.build();
    }

    public static Response created(UriInfo uri, String key, Object item) {
        URI location = uri.getAbsolutePathBuilder().path(key).build();
        Response.ResponseBuilder answer = Response.created(location).entity(item);
        if (item instanceof Versioned v) {
            answer.header(HttpHeaders.ETAG, v.etag());
        }
        return answer.build();
    }

    public static Response page(Page<?> page, UriInfo uri) {
        return page(page, uri, "cursor");
    }

    /** A page whose {@code next} goes into the query parameter {@code param} of the next request. */
    public static Response page(Page<?> page, UriInfo uri, String param) {
        Response.ResponseBuilder answer = Response.ok(page);
        if (page.next() != null) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam(param, page.next()).build();
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.build();
    }
}
