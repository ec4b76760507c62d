package org.rectrack.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of {@code Idempotency-Key} handling, under {@code rectrack.idempotency}. */
@ConfigMapping(prefix = "rectrack.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its answer are kept; the contract promises at least 24 hours. */
    @WithDefault("24h")
    Duration retention();

    /** How long a duplicate waits for the first request with its key to finish before it gets a 409. */
    @WithName("wait")
    @WithDefault("5s")
    Duration waitForFirst();

    /**
     * After this long an unfinished claim counts as abandoned (its instance died mid-request) and the
     * next request with the key does the work. Must be longer than any request takes.
     */
    @WithDefault("2m")
    Duration abandonAfter();

    /** How often expired keys are deleted; read by the schedule of {@link IdempotencyCleanup}. */
    @WithDefault("1h")
    Duration cleanupEvery();
}
