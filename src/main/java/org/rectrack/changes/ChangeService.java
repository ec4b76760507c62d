package org.rectrack.changes;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.rectrack.common.Page;
import org.rectrack.common.ProblemType;
import org.rectrack.common.QueryValues;

/** Reads the change feed for the HTTP routes: positions, type filters and the pruned past. */
@ApplicationScoped
public class ChangeService {

    private final ChangeFeed feed;
    private final FeedCounter counter;
    private final FeedPosition position;

    ChangeService(ChangeFeed feed, FeedCounter counter, FeedPosition position) {
        this.feed = feed;
        this.counter = counter;
        this.position = position;
    }

    /** The feed's current position: every change committed so far is at or before it. */
    public long now() {
        return position.get();
    }

    /**
     * The events after a position; {@code next} is the position to ask from next, also at the end.
     * A position before the pruned past is a 410: the client must resynchronise.
     */
    public Page<ChangeView> read(long after, List<ChangeType> types, int limit) {
        checkNotPruned(after);
        List<ChangeView> events = feed.read(after, types, limit);
        long next = events.isEmpty() ? after : events.get(events.size() - 1).seq();
        return new Page<>(events, Long.toString(next));
    }

    /** A 410 for a position whose successors have been pruned: the client must resynchronise. */
    public void checkNotPruned(long after) {
        long pruned = counter.prunedThrough();
        if (after < pruned) {
            throw ProblemType.PRUNED.problem("Changes up to " + pruned + " have been pruned; read the items again, then follow the feed from "
                            + counter.last());
        }
    }

    static long position(String name, String raw, QueryValues values) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        values.reject(name, "must be a position the feed gave, a whole number from 0");
        return 0;
    }

    static List<ChangeType> types(List<String> raw, QueryValues values) {
        List<ChangeType> types = new ArrayList<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    try {
                        types.add(ChangeType.ofWire(part.trim()));
                    } catch (IllegalArgumentException e) {
                        values.reject("type", "must be one of report, recommendation, assessment, progress-update, institution, theme");
                    }
                }
            }
        }
        return types;
    }
}
