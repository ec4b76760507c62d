package org.rectrack.changes;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "rectrack.changes")
public interface ChangesConfig {

    /** How long events stay in the feed; a position older than that gets 410. */
    Duration retention();

    /** Open live streams per instance; one more gets 503 with Retry-After. */
    @WithName("max-streams")
    int maxStreams();

    /** How often an idle stream gets a comment line, so proxies keep it open. */
    Duration heartbeat();

    /** How often this instance looks for new events to send to its streams. */
    @WithName("stream-poll")
    Duration streamPoll();
}
