package org.rectrack.changes;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.Page;
import org.rectrack.common.PageRequest;
import org.rectrack.common.QueryValues;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

import io.vertx.core.http.HttpServerResponse;

@Path("/api/v1/changes")
@Tag(name = "Changes", description = "The feed of committed changes, in order")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class ChangesResource {

    private final ChangeService changes;
    private final ChangeStreams streams;

    ChangesResource(ChangeService changes, ChangeStreams streams) {
        this.changes = changes;
        this.streams = streams;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listChanges", summary = "Committed changes after a position, in order",
            description = "Follow `next` (or the Link header) to read on; at the end of the feed `next` is the position "
                    + "to poll from. A client that does so never misses a committed change nor sees one out of order. "
                    + "Positions older than the retention answer 410: read the items again and continue from the "
                    + "feed's current position.")
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(schema = @Schema(implementation = ChangePage.class)))
    @APIResponse(responseCode = "410", description = "The position has been pruned; resynchronise", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response list(@QueryParam("after") @Parameter(description = "The last position the client has seen; 0 for the start", schema = @Schema(type = SchemaType.INTEGER, format = "int64", defaultValue = "0")) String after,
                         @QueryParam("type") @Parameter(description = "Only these item types (repeatable)", schema = @Schema(type = SchemaType.ARRAY, enumeration = {"report", "recommendation", "assessment", "progress-update", "institution", "theme"})) List<String> types,
                         // the feed pages by position (after), so it takes a limit but no cursor
                         @QueryParam("limit") @Parameter(description = "Items per page, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) String limit,
                         @Context UriInfo uri) {
        QueryValues values = new QueryValues();
        long position = ChangeService.position("after", after, values);
        List<ChangeType> typeFilter = ChangeService.types(types, values);
        int pageSize = PageRequest.limit(limit);
        values.check();
        Page<ChangeView> changesPage = changes.read(position, typeFilter, pageSize);
        return Responses.page(changesPage, uri, "after");
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamChanges", summary = "The same changes as server-sent events, live",
            description = "Each event has `id` = `seq`, `event` = the item type and `data` = the change as JSON. "
                    + "Reconnect with `Last-Event-ID` (or `?after=`) to resume after the last event received; with "
                    + "neither, the stream starts at the feed's current position and sends only what happens from then on. Idle "
                    + "streams get a comment line every 15 seconds. Each instance serves a bounded number of streams; "
                    + "beyond it the answer is 503 with Retry-After.")
    @APIResponse(responseCode = "200", description = "A stream of change events", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "400", description = "A bad position or type", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "410", description = "The position has been pruned; resynchronise", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "Too many open streams on this instance; retry after Retry-After seconds", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public void stream(@HeaderParam("Last-Event-ID") @Parameter(description = "The id of the last event received") String lastEventId,
                       @QueryParam("after") @Parameter(description = "Start after this position when there is no Last-Event-ID; without both, start now", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String after,
                       @QueryParam("type") @Parameter(description = "Only these item types (repeatable)", schema = @Schema(type = SchemaType.ARRAY, enumeration = {"report", "recommendation", "assessment", "progress-update", "institution", "theme"})) List<String> types,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse connection) {
        QueryValues values = new QueryValues();
        long position = lastEventId != null && !lastEventId.isBlank()
                ? ChangeService.position("Last-Event-ID", lastEventId.trim(), values)
                : after != null && !after.isEmpty() ? ChangeService.position("after", after, values)
                : changes.now(); // a new screen wants what happens next, not the history
        List<ChangeType> typeFilter = ChangeService.types(types, values);
        values.check();
        changes.checkNotPruned(position);
        streams.open(sink, sse, connection, typeFilter, position);
    }

    @Schema(name = "ChangePage")
    public record ChangePage(List<ChangeView> items, @Schema(description = "The `after` of the next request") String next) {
    }
}
