package org.rectrack.idempotency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.common.Caller;
import org.rectrack.common.ServiceClock;

import io.quarkus.test.junit.QuarkusTest;

/** Keys are kept for the retention (24 hours by default) and deleted after it. */
@QuarkusTest
class IdempotencyCleanupTest {

    @Inject
    IdempotencyStore store;

    @Inject
    IdempotencyCleanup cleanup;

    @Inject
    ServiceClock clock;

    @Test
    void shouldDeleteRecordsOlderThanTheRetentionOnly() {
        Instant now = clock.now();
        String expired = TestData.unique("key");
        String kept = TestData.unique("key");
        store.claim(Claim.fresh(Caller.ANONYMOUS, expired), "fingerprint", now.minus(Duration.ofHours(24)).minusSeconds(1));
        store.claim(Claim.fresh(Caller.ANONYMOUS, kept), "fingerprint", now.minus(Duration.ofHours(24)).plusSeconds(1));

        int deleted = cleanup.deleteExpired(now);

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertTrue(store.find(Caller.ANONYMOUS, expired).isEmpty(), "older than the retention: gone");
        assertTrue(store.find(Caller.ANONYMOUS, kept).isPresent(), "within the retention: kept");
    }
}
