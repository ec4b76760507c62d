package org.rectrack.changes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one write changed, announced by the service that made it as a CDI event. It is observed
 * synchronously, inside the writer's transaction: the change feed numbers it there, so an
 * announcement commits or rolls back with the write it describes. Other listeners may observe it
 * the same way.
 */
public record Changed(List<Change> changes) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";

    /** One item that was created or updated; {@code key} is its reference, code or id. */
    public record Change(ChangeType type, String action, String key) {
    }

    /** Announcements are of something: a write that changed nothing announces nothing. */
    public Changed {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("An announcement names at least one change");
        }
        changes = List.copyOf(changes);
    }

    public static Changed created(ChangeType type, String key) {
        return new Changed(List.of(new Change(type, CREATED, key)));
    }

    public static Changed updated(ChangeType type, String key) {
        return new Changed(List.of(new Change(type, UPDATED, key)));
    }

    /**
     * Collects the changes of a write that appends history entries: each entry is created, and each
     * recommendation it belongs to is updated once, after all the entries.
     */
    public static final class Entries {
        private final List<Change> entries = new ArrayList<>();
        private final Set<String> recommendations = new LinkedHashSet<>();

        public void add(ChangeType type, String key, String recommendation) {
            entries.add(new Change(type, CREATED, key));
            recommendations.add(recommendation);
        }

        /** The announcement, or nothing when no entry was added (every item of a bulk request failed). */
        public Optional<Changed> toChanged() {
            List<Change> all = new ArrayList<>(entries);
            recommendations.forEach(r -> all.add(new Change(ChangeType.RECOMMENDATION, UPDATED, r)));
            return all.isEmpty() ? Optional.empty() : Optional.of(new Changed(all));
        }
    }
}
