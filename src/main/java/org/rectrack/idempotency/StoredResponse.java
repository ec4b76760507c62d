package org.rectrack.idempotency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An answer kept for replay: its status, the headers clients rely on, and the exact body bytes. */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    /** The headers worth replaying besides Content-Type; the rest (Date, Content-Length…) belong to each exchange. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    /** Marks an answer that was stored earlier rather than computed for this request. */
    static final String REPLAYED = "Idempotency-Replayed";

    static StoredResponse of(ContainerResponseContext response, MediaType type, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, type.toString());
        for (String name : KEPT_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new StoredResponse(response.getStatus(), headers, body);
    }

    Response toReplay() {
        Response.ResponseBuilder replay = Response.status(status).entity(body.length == 0 ? null : body);
        headers.forEach(replay::header);
        return replay.header(REPLAYED, "true").build();
    }

    /** One {@code Name: value} per line: header values hold no line breaks. */
    String headerLines() {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    static Map<String, String> parseHeaderLines(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
