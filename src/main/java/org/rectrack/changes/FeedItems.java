package org.rectrack.changes;

import java.util.List;
import java.util.Map;

/**
 * How the items of one type appear in the feed. Each feature that announces changes supplies one
 * bean for its type, so the feed serves every item as its own route returns it without knowing
 * any of them.
 */
public interface FeedItems {

    ChangeType type();

    /** The current representation of each named item that exists, by its key. */
    Map<String, Object> current(List<String> keys);
}
