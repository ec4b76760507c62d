package org.rectrack.idempotency;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.rectrack.common.ServiceClock;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes keys older than the retention. Every instance runs it; the delete is harmless to repeat,
 * so they need not agree on who does.
 */
@ApplicationScoped
public class IdempotencyCleanup {

    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final ServiceClock clock;

    IdempotencyCleanup(IdempotencyStore store, IdempotencyConfig config, ServiceClock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${rectrack.idempotency.cleanup-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deleteExpired(clock.now());
    }

    /** Deletes the records created more than the retention before {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        int deleted = store.deleteCreatedBefore(now.minus(config.retention()));
        if (deleted > 0) {
            Log.infof("Deleted %d expired Idempotency-Key records", deleted);
        }
        return deleted;
    }
}
