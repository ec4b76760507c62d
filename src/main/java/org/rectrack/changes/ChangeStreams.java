package org.rectrack.changes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.rectrack.common.ProblemType;
import org.rectrack.common.ServiceClock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerResponse;

/**
 * The open server-sent-event streams of this instance. One poller checks the feed's position;
 * only streams behind it read their events, from the database, so every instance serves the
 * same feed in the same order whoever wrote it.
 */
@ApplicationScoped
public class ChangeStreams {

    private static final int BATCH = 200;

    private final ChangeFeed feed;
    private final FeedPosition position;
    private final ChangesConfig config;
    /** The time events are stamped with, which pruning compares against; heartbeats use the wall clock. */
    private final ServiceClock clock;
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();

    ChangeStreams(ChangeFeed feed, FeedPosition position, ChangesConfig config, ServiceClock clock,
                  MeterRegistry registry) {
        this.feed = feed;
        this.clock = clock;
        this.position = position;
        this.config = config;
        registry.gauge("rectrack.change.streams.open", open);
    }

    private static final class Stream {
        final SseEventSink sink;
        final Sse sse;
        final List<ChangeType> types;
        volatile long position;
        volatile Instant lastSent = Instant.now();

        Stream(SseEventSink sink, Sse sse, List<ChangeType> types, long position) {
            this.sink = sink;
            this.sse = sse;
            this.types = types;
            this.position = position;
        }
    }

    /**
     * Starts sending the events after {@code position}; refuses with 503 when this instance is full.
     * The stream ends when the client's connection closes.
     */
    public void open(SseEventSink sink, Sse sse, HttpServerResponse connection, List<ChangeType> types, long position) {
        if (open.incrementAndGet() > config.maxStreams()) {
            open.decrementAndGet();
            throw ProblemType.TOO_MANY_STREAMS.problem("This instance serves at most " + config.maxStreams()
                    + " live streams; retry later or poll /api/v1/changes").withHeader("Retry-After", "30");
        }
        long id = ids.incrementAndGet();
        streams.put(id, new Stream(sink, sse, types, position));
        connection.closeHandler(closed -> close(id));
    }

    @Scheduled(every = "${rectrack.changes.stream-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void tick() {
        if (streams.isEmpty()) {
            return;
        }
        long last = position.get();
        Instant now = Instant.now();
        streams.forEach((id, stream) -> {
            try {
                if (stream.sink.isClosed()) {
                    close(id);
                } else if (stream.position < last) {
                    send(stream, last);
                } else if (stream.lastSent.plus(config.heartbeat()).isBefore(now)) {
                    stream.sink.send(stream.sse.newEventBuilder().comment("heartbeat").build());
                    stream.lastSent = now;
                }
            } catch (RuntimeException e) {
                Log.debugf("Closing change stream %d: %s", id, e.getMessage());
                close(id);
            }
        });
    }

    private void send(Stream stream, long last) {
        List<ChangeView> events = feed.read(stream.position, stream.types, BATCH);
        for (ChangeView event : events) {
            stream.sink.send(stream.sse.newEventBuilder().id(Long.toString(event.seq())).name(event.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(ChangeView.class, event).build());
        }
        long sent = events.isEmpty() ? stream.position : events.get(events.size() - 1).seq();
        // a short batch holds every matching event up to `last`: the stream is caught up to there
        stream.position = events.size() < BATCH ? Math.max(sent, last) : sent;
        if (!events.isEmpty()) {
            stream.lastSent = Instant.now();
        }
    }

    private void close(long id) {
        Stream stream = streams.remove(id);
        if (stream != null) {
            open.decrementAndGet();
            try {
                stream.sink.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** Prunes events older than the retention, on every instance (pruning twice is harmless). */
    @Scheduled(every = "1h", delayed = "1m")
    void prune() {
        int deleted = feed.prune(clock.now().minus(config.retention()));
        if (deleted > 0) {
            Log.infof("Pruned %d change events older than %s", deleted, config.retention());
        }
    }
}
