package org.rectrack.changes;

import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rectrack.common.ETags;
import org.rectrack.common.ServiceClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ETags and shared answers for {@link FeedTagged} routes. Every committed write moves the feed's
 * position, so (position, day, URL, Accept) names the answer: it is the ETag of an answer without one
 * of its own (an item keeps its version's), and the key under which the rendered answer is kept
 * ({@link Answers}) and given to the next caller who asks the same. The position is read again after
 * the answer is built: if a write committed meanwhile, the answer is neither named nor kept. Knowing
 * the position takes no query ({@link FeedPosition}), so a 304 or a kept answer costs none.
 */
public class FeedTags {

    private static final String POSITION = FeedTags.class.getName() + ".position";
    private static final String TAG = FeedTags.class.getName() + ".tag";
    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    private final FeedPosition feed;
    private final ServiceClock clock;
    private final Answers answers;
    private final ObjectMapper mapper;

    FeedTags(FeedPosition feed, ServiceClock clock, Answers answers, ObjectMapper mapper) {
        this.feed = feed;
        this.clock = clock;
        this.answers = answers;
        this.mapper = mapper;
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
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        Answers.Answer kept = answers.find(tag);
        String current = kept == null || kept.etag() == null ? tag : kept.etag();
        if (ETags.matches(ifNoneMatch, current)) {
            Response.ResponseBuilder notModified = Response.notModified().header(HttpHeaders.ETAG, current)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
            Produces produces = resource.getResourceMethod().getAnnotation(Produces.class);
            if (produces != null && produces.value().length > 1) {
                // the route chooses its answer by Accept, and a 304 says what the 200 would (RFC 9110, 15.4.5)
                notModified.header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            }
            return Optional.of(notModified.build());
        }
        if (kept != null) {
            Response.ResponseBuilder answer = Response.ok(kept.body());
            kept.headers().forEach((name, values) -> values.forEach(v -> answer.header(name, v)));
            return Optional.of(answer.build());
        }
        return Optional.empty();
    }

    /** Runs before the generic conditional-GET filter, which then uses the tag set here. */
    @ServerResponseFilter(priority = Priorities.USER + 100)
    public void tag(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        Object position = request.getProperty(POSITION);
        if (position == null || response.getStatus() != 200 || !position.equals(feed.get())) {
            return;
        }
        String tag = (String) request.getProperty(TAG);
        // read through getHeaders(): getHeaderString() would keep what it read for the filters after this one
        if (response.getHeaders().getFirst(HttpHeaders.ETAG) == null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        }
        if (!(response.getEntity() instanceof Record answer)) {
            return; // an export, streamed: tagged, not kept
        }
        MultivaluedMap<String, String> kept = new MultivaluedHashMap<>();
        response.getHeaders().forEach((name, values) -> values.forEach(v -> kept.add(name, String.valueOf(v))));
        // a record is written as JSON (exports are streamed, never records), in UTF-8 unless the route named its type
        kept.putSingle(HttpHeaders.CONTENT_TYPE, response.getMediaType() != null ? response.getMediaType().toString() : JSON);
        kept.putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        answers.keep(tag, mapper.writeValueAsBytes(answer), kept);
    }
}
