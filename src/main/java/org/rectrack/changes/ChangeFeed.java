package org.rectrack.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.rectrack.common.ServiceClock;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * The ordered, gap-free log of committed changes. Writers number their events from one counter
 * row, whose lock they hold until commit: a reader that sees event n has every event before it.
 */
@ApplicationScoped
@Startup // so that a type without FeedItems stops the service at start, not at the first write
public class ChangeFeed {

    private final EntityManager em;
    private final FeedCounter counter;
    private final FeedPosition position;
    private final ServiceClock clock;
    private final Event<Recorded> recorded;
    private final Map<ChangeType, FeedItems> items = new EnumMap<>(ChangeType.class);

    ChangeFeed(EntityManager em, FeedCounter counter, FeedPosition position, ServiceClock clock,
               Event<Recorded> recorded, @All List<FeedItems> items) {
        this.em = em;
        this.counter = counter;
        this.position = position;
        this.clock = clock;
        this.recorded = recorded;
        for (FeedItems i : items) {
            if (this.items.put(i.type(), i) != null) {
                throw new IllegalStateException("Two FeedItems beans render the feed's " + i.type().wire + " items");
            }
        }
        for (ChangeType type : ChangeType.values()) {
            if (!this.items.containsKey(type)) {
                throw new IllegalStateException("No FeedItems bean renders the feed's " + type.wire + " items");
            }
        }
    }

    /**
     * Numbers an announcement's changes in the writer's transaction, before other listeners see it.
     * Services announce after their other writes: from here to the commit, other writers wait for
     * the counter.
     */
    @Transactional(TxType.MANDATORY)
    void record(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Changed changed) {
        List<Changed.Change> changes = changed.changes();
        em.flush();
        long seq = counter.advance(changes.size()) - changes.size();
        Instant at = clock.now();
        List<ChangeEvent> numbered = new ArrayList<>(changes.size());
        for (Changed.Change change : changes) {
            ChangeEvent event = new ChangeEvent();
            event.seq = ++seq;
            event.type = change.type();
            event.action = change.action();
            event.key = change.key();
            event.at = at;
            em.persist(event);
            numbered.add(event);
        }
        em.flush();
        position.committing(seq);
        // still in the writer's transaction: whoever must act on the numbered events (webhooks) commits with them
        recorded.fire(new Recorded(numbered));
    }

    /** Up to {@code limit} events after {@code after}, each with its item as it now is. */
    public List<ChangeView> read(long after, List<ChangeType> types, int limit) {
        return views(ChangeEvent.after(after, types, limit));
    }

    /** The current representation of each named item of one type that exists, by its key. */
    public Map<String, Object> current(ChangeType type, List<String> keys) {
        return keys.isEmpty() ? Map.of() : items.get(type).current(keys.stream().distinct().toList());
    }

    /** The events as the feed serves them, each with its item as it now is. */
    public List<ChangeView> views(List<ChangeEvent> events) {
        Map<ChangeType, List<String>> keys = new EnumMap<>(ChangeType.class);
        for (ChangeEvent e : events) {
            keys.computeIfAbsent(e.type, t -> new ArrayList<>()).add(e.key);
        }
        Map<ChangeType, Map<String, Object>> current = new EnumMap<>(ChangeType.class);
        keys.forEach((type, named) -> current.put(type, items.get(type).current(named.stream().distinct().toList())));
        List<ChangeView> views = new ArrayList<>();
        for (ChangeEvent e : events) {
            views.add(new ChangeView(e.seq, e.type.wire, e.action, e.key, e.at, current.get(e.type).get(e.key)));
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
        counter.markPruned(through.longValue());
        return deleted;
    }
}
