package org.rectrack.changes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The one row that numbers the feed ({@code change_counter}): the last number given out and how
 * far the feed has been pruned. A writer holds the row's lock from advancing it until its commit,
 * which is what makes the numbering gap-free in commit order.
 */
@ApplicationScoped
public class FeedCounter {

    private final EntityManager em;

    /** A read of the committed position for {@link #shared()}: its outcome and when it began. */
    private record Read(long startedNanos, long value, RuntimeException failure) {
    }

    private final Object readLock = new Object();
    private Read lastRead;

    FeedCounter(EntityManager em) {
        this.em = em;
    }

    /** Reserves the next {@code count} numbers for the current transaction; returns the last of them. */
    long advance(int count) {
        em.createNativeQuery("update change_counter set last_seq = last_seq + ?1 where id = 1")
                .setParameter(1, count).executeUpdate();
        return last();
    }

    /** The number of the latest committed event (or, inside a writing transaction, its own). */
    public long last() {
        return ((Number) em.createNativeQuery("select last_seq from change_counter where id = 1").getSingleResult())
                .longValue();
    }

    /** Events up to and including this number have been pruned. */
    public long prunedThrough() {
        return ((Number) em.createNativeQuery("select pruned_through from change_counter where id = 1")
                .getSingleResult()).longValue();
    }

    void markPruned(long through) {
        em.createNativeQuery("update change_counter set pruned_through = greatest(pruned_through, ?1) where id = 1")
                .setParameter(1, through).executeUpdate();
    }

    /** Sends a PostgreSQL notification, delivered to every listener when the transaction commits. */
    void notify(String channel, Object payload) {
        // the payload is a position or a topic name of ours, never client input
        em.createNativeQuery("notify " + channel + ", '" + payload + "'").executeUpdate();
    }

    /**
     * The committed position, with concurrent callers sharing one read: a caller takes the outcome
     * of a read that began after it called, so it reflects every write committed before the call,
     * on any instance. Reads run one at a time; whoever called while one was running waits for it
     * and then takes the next one, which a single caller makes for all of them. So one statement
     * answers every poll that arrived while the previous statement ran, instead of one statement per
     * poll; with the database down, a failed read fails all the callers it serves.
     */
    long shared() {
        long called = System.nanoTime();
        Read read;
        synchronized (readLock) {
            read = lastRead;
            if (read == null || read.startedNanos() - called < 0) {
                long started = System.nanoTime();
                try {
                    read = new Read(started, last(), null);
                } catch (RuntimeException e) {
                    read = new Read(started, 0, e);
                }
                lastRead = read;
            }
        }
        if (read.failure() != null) {
            throw read.failure();
        }
        return read.value();
    }
}
