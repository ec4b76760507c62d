package org.rectrack.changes;

/**
 * A note from some instance that {@code topic} changed in the database (see
 * {@link FeedPosition#broadcast}), heard on the listener's thread: observers should only take note
 * and do their work elsewhere. {@link #RESYNC} means that notes may have been missed, so everything
 * kept in memory should be read again.
 */
public record Broadcast(String topic) {

    public static final String RESYNC = "*";

    /** True for a note about {@code name}, or about {@code name:<anything>}, and for a resync. */
    public boolean concerns(String name) {
        return RESYNC.equals(topic) || name.equals(topic) || topic.startsWith(name + ":");
    }
}
