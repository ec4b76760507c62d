package org.rectrack.changes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Rendered answers of {@link FeedTagged} routes, by their name (feed position, day, URL, Accept),
 * shared by every caller: the data cannot change without the position moving, so an answer holds
 * until the next write, and repeating it costs no query and no rendering. Bounded by the bytes kept;
 * answers of older positions are never asked for again and give way to new ones or expire.
 */
@ApplicationScoped
public class Answers {

    /** What a 200 said: its body and the headers that belong to it. */
    public record Answer(byte[] body, Map<String, List<String>> headers) {

        String etag() {
            List<String> tag = headers.get("ETag");
            return tag == null || tag.isEmpty() ? null : tag.get(0);
        }
    }

    private static final int HEADER_WEIGHT = 512;

    private final Cache<String, Answer> kept;

    Answers(@ConfigProperty(name = "rectrack.answers.max-size") MemorySize maxSize,
            @ConfigProperty(name = "rectrack.answers.expire-after") Duration expireAfter) {
        this.kept = Caffeine.newBuilder()
                .maximumWeight(maxSize.asLongValue())
                .weigher((String name, Answer a) -> a.body().length + name.length() + HEADER_WEIGHT)
                .expireAfterWrite(expireAfter)
                .build();
    }

    Answer find(String name) {
        return kept.getIfPresent(name);
    }

    void keep(String name, byte[] body, MultivaluedMap<String, String> headers) {
        kept.put(name, new Answer(body, headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())))));
    }

    /** Forgets every answer: for tests that change the database behind the service's back. */
    public void clear() {
        kept.invalidateAll();
    }
}
