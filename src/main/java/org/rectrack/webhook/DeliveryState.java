package org.rectrack.webhook;

/** Where one event stands with one webhook. */
public enum DeliveryState {
    /** Waiting for its (next) attempt: due at {@code nextAttemptAt}, after every earlier event of the webhook. */
    PENDING,
    /** A 2xx answered an attempt. */
    DELIVERED,
    /** Every retry failed, or the receiver answered 410; the webhook was disabled. A retry queues it again. */
    GIVEN_UP
}
