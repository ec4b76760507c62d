package org.rectrack.idempotency;

import java.time.Instant;

/** What the store holds for one key: the first request's fingerprint, and its answer once it has one. */
record IdempotencyRecord(String fingerprint, String claimToken, Instant claimedAt, StoredResponse answer) {

    boolean isDone() {
        return answer != null;
    }
}
