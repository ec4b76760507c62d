package org.rectrack.changes;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;

/**
 * The bookkeeping of a copy in memory of rows any instance may change (API keys, active webhooks):
 * it is read at once after a change made here, read again when another instance broadcasts a change
 * (never for the echo of this instance's own broadcast, which it has read already), and read on every
 * {@link #refresh} while broadcasts cannot be trusted ({@link FeedPosition#hearsEveryCommit}). The
 * owner calls {@link #heard} from its {@code Broadcast} observer and {@link #refresh} from a schedule.
 */
public final class BroadcastCopy {

    private final String topic;
    private final String ownTopic;
    private final String what;
    private final FeedPosition position;
    private final Runnable read;
    private final AtomicBoolean stale = new AtomicBoolean(true);

    /** {@code what} names the copy in a log line; {@code read} replaces it with what the database holds. */
    public BroadcastCopy(String topic, String what, FeedPosition position, Runnable read) {
        this.topic = topic;
        this.ownTopic = topic + ":" + UUID.randomUUID();
        this.what = what;
        this.position = position;
        this.read = read;
    }

    /** What this instance broadcasts after it changes the rows: {@code <topic>:<instance>}. */
    public String ownTopic() {
        return ownTopic;
    }

    /** Reads the copy now (after a change made here); a failure leaves it stale and is thrown. */
    public void readNow() {
        stale.set(false);
        try {
            read.run();
        } catch (RuntimeException e) {
            stale.set(true);
            throw e;
        }
    }

    public void heard(Broadcast broadcast) {
        if (broadcast.concerns(topic) && !broadcast.topic().equals(ownTopic)) {
            stale.set(true);
        }
    }

    /** Reads the copy again if another instance changed the rows or nobody can say; keeps the old one on failure. */
    public void refresh() {
        if (stale.get() || !position.hearsEveryCommit()) {
            try {
                readNow();
            } catch (RuntimeException e) {
                Log.warnf("Could not read the %s again (%s); the previous copy stays in use", what, e.getClass().getSimpleName());
            }
        }
    }
}
