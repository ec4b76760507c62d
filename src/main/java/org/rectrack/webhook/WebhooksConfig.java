package org.rectrack.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "rectrack.webhooks")
public interface WebhooksConfig {

    /**
     * The waits before each retry of a failed delivery, each varied by up to a fifth either way; after
     * the last one fails, the event is given up and the webhook disabled.
     */
    @WithName("retry-delays")
    List<Duration> retryDelays();

    /** Whether targets may resolve to loopback, private or otherwise internal addresses (tests, one-box setups). */
    @WithName("allow-private-targets")
    boolean allowPrivateTargets();

    /** How long the previous secret keeps signing after a rotation. */
    @WithName("rotation-grace")
    Duration rotationGrace();

    /** How long deliveries and their attempts stay in the log. */
    @WithName("log-retention")
    Duration logRetention();

    /** Deliveries in flight at once on one instance (each to a different webhook). */
    @WithName("max-in-flight")
    int maxInFlight();
}
