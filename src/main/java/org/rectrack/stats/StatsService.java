package org.rectrack.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.rectrack.changes.FeedPosition;
import org.rectrack.recommendation.ImplementationStatus;
import org.rectrack.recommendation.RecommendationFilter.Criteria;
import org.rectrack.recommendation.RecommendationQuery;
import org.rectrack.stats.StatsView.Group;
import org.rectrack.stats.StatsView.Point;

import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Aggregates in the database: one grouped query returns a row per (group, status) with its count
 * and overdue count, which are folded into groups here. As of a past day the status is the one of
 * the latest ISSUER assessment dated on or before it. Dashboards ask the same few questions over
 * and over: each answer is computed once per feed position, that is until the next write, and
 * shared by everyone asking meanwhile, including those who ask while it is being computed. A
 * computation that fails fails everyone waiting for it (the database is down or busy: asking it
 * again N times would not help) and is not kept, so the next question asks the database again.
 */
@ApplicationScoped
public class StatsService {

    private static final String STATUS_NOW = "r.status";
    private static final String STATUS_AS_OF = "coalesce(sa.status, org.rectrack.recommendation.ImplementationStatus.NOT_ASSESSED)";
    /** The latest ISSUER assessment dated on or before :asOf, if any. */
    private static final String LATEST_AS_OF = """
             left join Assessment sa on sa.recommendation = r
               and sa.assessorType = org.rectrack.recommendation.AssessorType.ISSUER and sa.assessedOn <= :asOf
               and not exists (select 1 from Assessment b where b.recommendation = r
                 and b.assessorType = org.rectrack.recommendation.AssessorType.ISSUER and b.assessedOn <= :asOf
                 and (b.assessedOn > sa.assessedOn or (b.assessedOn = sa.assessedOn
                   and (b.recordedAt > sa.recordedAt or (b.recordedAt = sa.recordedAt and b.id > sa.id)))))
            """;

    /** A computation slower than this leaves those waiting for it to compute for themselves. */
    private static final long WAIT_MILLIS = 30_000;

    record Question(Criteria criteria, List<GroupKey> groupBy, LocalDate asOf) {
    }

    record TimelineQuestion(Criteria criteria, Interval interval, LocalDate from, LocalDate to) {
    }

    private final EntityManager em;
    private final FeedPosition position;

    StatsService(EntityManager em, FeedPosition position) {
        this.em = em;
        this.position = position;
    }

    public StatsView stats(Criteria criteria, List<GroupKey> groupBy, LocalDate asOf) {
        if (QuarkusTransaction.isActive()) {
            // a writing transaction sees its own, uncommitted position: nothing to share
            return compute(criteria, groupBy, asOf);
        }
        return shared(position.get(), new Question(criteria, List.copyOf(groupBy), asOf));
    }

    public StatsView.Timeline timeline(Criteria criteria, Interval interval, LocalDate from, LocalDate to) {
        if (QuarkusTransaction.isActive()) {
            return computeTimeline(criteria, interval, from, to);
        }
        return shared(position.get(), new TimelineQuestion(criteria, interval, from, to));
    }

    // The position is only there to be part of the key: each write starts new answers. Not private,
    // because calls a bean makes to its own methods are intercepted, except to private ones.
    @CacheResult(cacheName = CacheNames.STATS, lockTimeout = WAIT_MILLIS)
    StatsView shared(long at, Question q) {
        return compute(q.criteria(), q.groupBy(), q.asOf());
    }

    @CacheResult(cacheName = CacheNames.TIMELINES, lockTimeout = WAIT_MILLIS)
    StatsView.Timeline shared(long at, TimelineQuestion q) {
        return computeTimeline(q.criteria(), q.interval(), q.from(), q.to());
    }

    private StatsView compute(Criteria criteria, List<GroupKey> groupBy, LocalDate asOf) {
        Criteria at = asOf == null ? criteria : withDay(criteria, asOf);
        List<Group> groups = groupBy.isEmpty() ? List.of() : groups(at, groupBy, asOf);
        Group total = groups(at, List.of(), asOf).stream().findFirst().orElse(group(Map.of(), new Counts()));
        return new StatsView(groupBy.stream().map(g -> g.name).toList(), asOf, groups, total);
    }

    private StatsView.Timeline computeTimeline(Criteria criteria, Interval interval, LocalDate from, LocalDate to) {
        List<Point> points = new ArrayList<>();
        for (LocalDate end : interval.periodEnds(from, to)) {
            Group g = groups(withDay(criteria, end), List.of(), end).stream().findFirst().orElse(group(Map.of(), new Counts()));
            points.add(new Point(end, g.total(), g.byStatus(), g.overdue(), g.implementationRate()));
        }
        return new StatsView.Timeline(interval.name().toLowerCase(), from, to, points);
    }

    private List<Group> groups(Criteria criteria, List<GroupKey> groupBy, LocalDate asOf) {
        String status = asOf == null ? STATUS_NOW : STATUS_AS_OF;
        RecommendationQuery filters = RecommendationQuery.filters(criteria, status);
        List<String> keys = groupBy.stream().map(g -> g.expression(status)).toList();
        StringBuilder hql = new StringBuilder("select ");
        keys.forEach(k -> hql.append(k).append(", "));
        hql.append(status).append(", count(r), sum(case when r.targetDate < :day and ").append(status)
                .append(" not in :closed then 1 else 0 end) from Recommendation r join r.report rep");
        groupBy.stream().filter(g -> g.join != null).forEach(g -> hql.append(' ').append(g.join));
        if (asOf != null) {
            hql.append(LATEST_AS_OF);
        }
        hql.append(" where ").append(filters.where());
        if (asOf != null) {
            hql.append(" and (rep.publishedOn is null or rep.publishedOn <= :asOf)");
        }
        hql.append(" group by ");
        keys.forEach(k -> hql.append(k).append(", "));
        hql.append(status);

        var query = em.createQuery(hql.toString(), Object[].class);
        filters.parameters().map().forEach(query::setParameter);
        query.setParameter("day", criteria.today());
        query.setParameter("closed", RecommendationQuery.CLOSED);
        if (asOf != null) {
            query.setParameter("asOf", asOf);
        }
        Map<List<Object>, Counts> folded = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            List<Object> key = List.of(java.util.Arrays.copyOfRange(row, 0, keys.size()));
            Counts counts = folded.computeIfAbsent(key, k -> new Counts());
            ImplementationStatus s = (ImplementationStatus) row[keys.size()];
            counts.byStatus.merge(s, ((Number) row[keys.size() + 1]).longValue(), Long::sum);
            counts.overdue += ((Number) row[keys.size() + 2]).longValue();
        }
        List<Group> groups = new ArrayList<>();
        folded.forEach((key, counts) -> {
            Map<String, Object> named = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                Object value = key.get(i);
                named.put(groupBy.get(i).name, value instanceof Enum<?> e ? e.name() : value);
            }
            groups.add(group(named, counts));
        });
        groups.sort(java.util.Comparator.comparing(g -> g.key().values().toString()));
        return groups;
    }

    private static Group group(Map<String, Object> key, Counts counts) {
        Map<ImplementationStatus, Long> byStatus = new EnumMap<>(ImplementationStatus.class);
        for (ImplementationStatus s : ImplementationStatus.values()) {
            byStatus.put(s, counts.byStatus.getOrDefault(s, 0L));
        }
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long assessed = total - byStatus.get(ImplementationStatus.NOT_ASSESSED)
                - byStatus.get(ImplementationStatus.NO_LONGER_APPLICABLE);
        long implemented = byStatus.get(ImplementationStatus.FULLY_IMPLEMENTED)
                + byStatus.get(ImplementationStatus.MOSTLY_IMPLEMENTED);
        Double rate = assessed == 0 ? null : Math.round(10000.0 * implemented / assessed) / 10000.0;
        return new Group(key, total, byStatus, counts.overdue, rate);
    }

    /** The criteria as seen at the end of a past day: overdue means the target date was before it. */
    private static Criteria withDay(Criteria c, LocalDate day) {
        return new Criteria(c.report(), c.country(), c.statuses(), c.priority(), c.theme(), c.addressee(),
                c.response(), c.overdue(), c.q(), c.updatedSince(), c.archived(), c.sort(), c.descending(), day);
    }

    private static final class Counts {
        final Map<ImplementationStatus, Long> byStatus = new EnumMap<>(ImplementationStatus.class);
        long overdue;
    }
}
