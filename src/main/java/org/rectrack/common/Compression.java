package org.rectrack.common;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * gzip (or deflate) for answers worth it, as the client's Accept-Encoding asks: those of the media
 * types in {@code quarkus.http.compress-media-types} from {@code rectrack.compression.min-size} on
 * (compressing a few hundred bytes costs more than it saves). The HTTP layer compresses every answer
 * not marked {@code Content-Encoding: identity}; Quarkus marks them all and unmarks some, but not
 * those a request filter answers (kept answers, see org.rectrack.changes.Answers), so the choice
 * is made here, for every answer, when its headers are complete.
 */
@ApplicationScoped
public class Compression {

    /** After the request checks, before everything that answers. */
    private static final int FILTER_PRIORITY = 400;

    private final Set<String> types;
    private final long minSize;

    Compression(@ConfigProperty(name = "quarkus.http.compress-media-types") List<String> types,
                @ConfigProperty(name = "rectrack.compression.min-size") MemorySize minSize) {
        this.types = Set.copyOf(types);
        this.minSize = minSize.asLongValue();
    }

    void install(@Observes Filters filters) {
        filters.register(this::decide, FILTER_PRIORITY);
    }

    private void decide(RoutingContext context) {
        context.addHeadersEndHandler(v -> {
            MultiMap headers = context.response().headers();
            String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
            if (encoding != null && !HttpHeaders.IDENTITY.toString().equals(encoding)) {
                return; // encoded already
            }
            if (worthCompressing(headers)) {
                headers.remove(HttpHeaders.CONTENT_ENCODING);
                String vary = headers.get(HttpHeaders.VARY);
                headers.set(HttpHeaders.VARY, vary == null ? "Accept-Encoding" : vary + ", Accept-Encoding");
            } else {
                headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
            }
        });
        context.next();
    }

    private boolean worthCompressing(MultiMap headers) {
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type == null || !types.contains(type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))) {
            return false;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        return length == null || Long.parseLong(length) >= minSize; // no length: streamed, and long
    }
}
