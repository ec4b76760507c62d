package org.rectrack.changes;

import java.util.List;

/**
 * The events of one announcement, numbered. {@link ChangeFeed} fires it synchronously inside the
 * writer's transaction, after persisting them: an observer that writes (the webhook outbox) commits
 * or rolls back with the change it reacts to, and sees the positions the feed gave.
 */
public record Recorded(List<ChangeEvent> events) {

    public Recorded {
        events = List.copyOf(events);
    }
}
