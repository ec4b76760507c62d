package org.rectrack.changes;

import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rectrack.common.ETags;
import org.rectrack.common.ServiceClock;

/**
 * ETags for {@link FeedTagged} routes. Every committed write moves the feed's position, so
 * (position, day, URL, Accept) names the answer. The position is read again after the answer is
 * built: if a write committed meanwhile, the tag is left to the body's bytes instead. Knowing the
 * position takes no query ({@link FeedPosition}), so a 304 costs none.
 */
public class FeedTags {

    private static final String POSITION = FeedTags.class.getName() + ".position";
    private static final String TAG = FeedTags.class.getName() + ".tag";

    private final FeedPosition feed;
    private final ServiceClock clock;

    FeedTags(FeedPosition feed, ServiceClock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    @ServerRequestFilter
    public Optional<Response> revalidate(ContainerRequestContext request, ResourceInfo resource) {
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!read || resource.getResourceMethod() == null
                || !resource.getResourceMethod().isAnnotationPresent(FeedTagged.class)) {
            return Optional.empty();
        }
        long position = feed.get();
        String tag = ETags.ofString(position + "|" + clock.today() + "|" + request.getUriInfo().getRequestUri()
                + "|" + request.getHeaderString(HttpHeaders.ACCEPT));
        request.setProperty(POSITION, position);
        request.setProperty(TAG, tag);
        if (ETags.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            Response.ResponseBuilder notModified = Response.notModified().header(HttpHeaders.ETAG, tag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
            Produces produces = resource.getResourceMethod().getAnnotation(Produces.class);
            if (produces != null && produces.value().length > 1) {
                // the route chooses its answer by Accept, and a 304 says what the 200 would (RFC 9110, 15.4.5)
                notModified.header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            }
            return Optional.of(notModified.build());
        }
        return Optional.empty();
    }

    /** Runs before the generic conditional-GET filter, which then uses the tag set here. */
    @ServerResponseFilter(priority = Priorities.USER + 100)
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        Object position = request.getProperty(POSITION);
        if (position != null && response.getStatus() == 200 && position.equals(feed.get())) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, request.getProperty(TAG));
        }
    }
}
