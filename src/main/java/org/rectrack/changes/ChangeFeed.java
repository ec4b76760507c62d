package org.rectrack.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.rectrack.assessment.Assessment;
import org.rectrack.assessment.AssessmentView;
import org.rectrack.common.Timestamps;
import org.rectrack.institution.Institution;
import org.rectrack.institution.InstitutionView;
import org.rectrack.progress.ProgressUpdate;
import org.rectrack.progress.ProgressUpdateView;
import org.rectrack.recommendation.Recommendation;
import org.rectrack.recommendation.RecommendationView;
import org.rectrack.report.Report;
import org.rectrack.report.ReportView;
import org.rectrack.theme.Theme;
import org.rectrack.theme.ThemeView;


/**
 * The ordered, gap-free log of committed changes. Writers number their events from one counter
 * row, whose lock they hold until commit: a reader that sees event n has every event before it.
 */
@ApplicationScoped
public class ChangeFeed {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";

    /** A change made in the current transaction. */
    public record Change(ChangeType type, String action, String key) {
    }

    /**
     * The changes of one transaction that appends history entries: each entry is created, and
     * each recommendation it belongs to is updated once, after its entries.
     */
    public static final class Changes {
        private final List<Change> entries = new ArrayList<>();
        private final java.util.Set<String> recommendations = new java.util.LinkedHashSet<>();

        public void add(ChangeType type, String key, String recommendation) {
            entries.add(new Change(type, CREATED, key));
            recommendations.add(recommendation);
        }

        public List<Change> list() {
            List<Change> all = new ArrayList<>(entries);
            recommendations.forEach(r -> all.add(new Change(ChangeType.RECOMMENDATION, UPDATED, r)));
            return all;
        }
    }

    private final EntityManager em;
    private final FeedPosition position;

    ChangeFeed(EntityManager em, FeedPosition position) {
        this.em = em;
        this.position = position;
    }

    public void created(ChangeType type, String key) {
        publish(List.of(new Change(type, CREATED, key)));
    }

    public void updated(ChangeType type, String key) {
        publish(List.of(new Change(type, UPDATED, key)));
    }

    /**
     * Appends the events of the current transaction. Call it after the transaction's other writes:
     * from here to the commit, other writers wait for the counter.
     */
    @Transactional(TxType.MANDATORY)
    public void publish(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        em.flush();
        em.createNativeQuery("update change_counter set last_seq = last_seq + ?1 where id = 1")
                .setParameter(1, changes.size()).executeUpdate();
        long seq = lastSeq() - changes.size();
        Instant at = Timestamps.now();
        for (Change change : changes) {
            ChangeEvent event = new ChangeEvent();
            event.seq = ++seq;
            event.type = change.type();
            event.action = change.action();
            event.key = change.key();
            event.at = at;
            em.persist(event);
        }
        em.flush();
        position.committing(seq);
    }

    /** Sends a PostgreSQL notification, delivered to every listener when the transaction commits. */
    void notify(String channel, long payload) {
        em.createNativeQuery("notify " + channel + ", '" + payload + "'").executeUpdate();
    }

    /** The number of the latest committed event (or, inside a writing transaction, its own). */
    public long lastSeq() {
        return ((Number) em.createNativeQuery("select last_seq from change_counter where id = 1").getSingleResult())
                .longValue();
    }

    /** A read of the committed position for {@link #position()}: its outcome and when it began. */
    private record PositionRead(long startedNanos, long value, RuntimeException failure) {
    }

    private final Object positionLock = new Object();
    private PositionRead lastPositionRead;

    /**
     * The number of the latest committed event, read from the database when {@link FeedPosition}
     * cannot vouch for what it knows, with concurrent callers sharing one read: a caller takes the
     * outcome of a read that began after it called, so it reflects every write committed before
     * the call, on any instance. Reads run one at a time; whoever called while one was running
     * waits for it and then takes the next one, which a single caller makes for all of them. So one
     * statement answers every poll that arrived while the previous statement ran, instead of one
     * statement per poll; with the database down, a failed read fails all the callers it serves.
     */
    long position() {
        long called = System.nanoTime();
        PositionRead read;
        synchronized (positionLock) {
            read = lastPositionRead;
            if (read == null || read.startedNanos() - called < 0) {
                long started = System.nanoTime();
                try {
                    read = new PositionRead(started, lastSeq(), null);
                } catch (RuntimeException e) {
                    read = new PositionRead(started, 0, e);
                }
                lastPositionRead = read;
            }
        }
        if (read.failure() != null) {
            throw read.failure();
        }
        return read.value();
    }

    /** Events up to and including this number have been pruned. */
    public long prunedThrough() {
        return ((Number) em.createNativeQuery("select pruned_through from change_counter where id = 1")
                .getSingleResult()).longValue();
    }

    /** Up to {@code limit} events after {@code after}, each with its item as it now is. */
    public List<ChangeView> read(long after, List<ChangeType> types, int limit) {
        List<ChangeEvent> events = ChangeEvent.after(after, types, limit);
        Map<ChangeType, Map<String, Object>> items = itemsOf(events);
        List<ChangeView> views = new ArrayList<>();
        for (ChangeEvent e : events) {
            views.add(new ChangeView(e.seq, e.type.wire, e.action, e.key, e.at, items.get(e.type).get(e.key)));
        }
        return views;
    }

    /** Deletes events recorded before {@code before}; readers further back are told to resynchronise. */
    @Transactional
    public int prune(Instant before) {
        Number through = (Number) em.createQuery("select max(e.seq) from ChangeEvent e where e.at < ?1")
                .setParameter(1, before).getSingleResult();
        if (through == null) {
            return 0;
        }
        int deleted = em.createQuery("delete from ChangeEvent e where e.seq <= ?1")
                .setParameter(1, through.longValue()).executeUpdate();
        em.createNativeQuery("update change_counter set pruned_through = greatest(pruned_through, ?1) where id = 1")
                .setParameter(1, through.longValue()).executeUpdate();
        return deleted;
    }

    /** The current representation of every item the events name: one query per type. */
    private Map<ChangeType, Map<String, Object>> itemsOf(List<ChangeEvent> events) {
        Map<ChangeType, List<String>> keys = new EnumMap<>(ChangeType.class);
        for (ChangeEvent e : events) {
            keys.computeIfAbsent(e.type, t -> new ArrayList<>()).add(e.key);
        }
        Map<ChangeType, Map<String, Object>> items = new EnumMap<>(ChangeType.class);
        keys.forEach((type, list) -> items.put(type, load(type, list.stream().distinct().toList())));
        return items;
    }

    private static Map<String, Object> load(ChangeType type, List<String> keys) {
        return switch (type) {
            case REPORT -> index(Report.<Report>list("reference in ?1", keys), r -> r.reference, ReportView::of);
            case RECOMMENDATION -> index(Recommendation.<Recommendation>list("reference in ?1", keys), r -> r.reference,
                    r -> RecommendationView.of(r, Recommendation.today()));
            case ASSESSMENT -> index(Assessment.<Assessment>list("id in ?1", ids(keys)), a -> Long.toString(a.id),
                    AssessmentView::of);
            case PROGRESS_UPDATE -> index(ProgressUpdate.<ProgressUpdate>list("id in ?1", ids(keys)),
                    p -> Long.toString(p.id), ProgressUpdateView::of);
            case INSTITUTION -> index(Institution.<Institution>list("code in ?1", keys), i -> i.code, InstitutionView::of);
            case THEME -> index(Theme.<Theme>list("code in ?1", keys), t -> t.code, ThemeView::of);
        };
    }

    private static List<Long> ids(List<String> keys) {
        return keys.stream().map(Long::valueOf).toList();
    }

    private static <E> Map<String, Object> index(List<E> rows, Function<E, String> key, Function<E, Object> view) {
        Map<String, Object> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(key.apply(row), view.apply(row)));
        return byKey;
    }
}
