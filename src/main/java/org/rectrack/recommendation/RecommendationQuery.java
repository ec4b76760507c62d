package org.rectrack.recommendation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rectrack.common.Cursor;
import org.rectrack.recommendation.RecommendationFilter.Criteria;

import io.quarkus.panache.common.Parameters;

/**
 * Builds the one query behind a recommendation list from fixed fragments; every client value is a
 * bound parameter. Keyset paging: the page starts strictly after the cursor's (sort value, id).
 */
public final class RecommendationQuery {

    public static final List<ImplementationStatus> CLOSED =
            List.of(ImplementationStatus.FULLY_IMPLEMENTED, ImplementationStatus.NO_LONGER_APPLICABLE);

    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
    private final Criteria criteria;

    RecommendationQuery(Criteria c, Cursor after) {
        this(c, after, "r.status");
        if (c.sort() == RecommendationSort.TARGET_DATE) {
            // only the ordered list uses the sort expression; the statistics' filters must not bind it
            params.put("farFuture", RecommendationSort.FAR_FUTURE);
        }
    }

    /**
     * The filters of a criteria, with the status read from {@code status}: the stored column, or
     * for statistics as of a past day an expression over the history. Alias {@code r} is the
     * recommendation, {@code rep} its report (named by the report filter only).
     */
    public static RecommendationQuery filters(Criteria c, String status) {
        return new RecommendationQuery(c, null, status);
    }

    private RecommendationQuery(Criteria c, Cursor after, String status) {
        this.criteria = c;
        if (c.report() != null) {
            where.add("rep.reference = :report");
            params.put("report", c.report());
        }
        if (c.country() != null) {
            where.add("r.country = :country");
            params.put("country", c.country());
        }
        if (!c.statuses().isEmpty()) {
            where.add(status + " in :statuses");
            params.put("statuses", c.statuses());
        }
        if (c.priority() != null) {
            where.add("r.priority = :priority");
            params.put("priority", c.priority());
        }
        if (c.theme() != null) {
            where.add("exists (select 1 from Recommendation r2 join r2.themes t where r2 = r and t.code = :theme)");
            params.put("theme", c.theme());
        }
        if (c.addressee() != null) {
            where.add("exists (select 1 from Recommendation r2 join r2.addressees i where r2 = r and i.code = :addressee)");
            params.put("addressee", c.addressee());
        }
        if (c.response() != null) {
            where.add("r.response = :response");
            params.put("response", c.response());
        }
        if (c.overdue() != null) {
            where.add(c.overdue()
                    ? "(r.targetDate < :today and " + status + " not in :closed)"
                    : "(r.targetDate is null or r.targetDate >= :today or " + status + " in :closed)");
            params.put("today", c.today());
            params.put("closed", CLOSED);
        }
        if (c.q() != null) {
            where.add("(lower(r.reference) like :q escape '!' or lower(r.text) like :q escape '!')");
            params.put("q", "%" + c.q().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (c.updatedSince() != null) {
            where.add("r.updatedAt >= :updatedSince");
            params.put("updatedSince", c.updatedSince());
        }
        if (c.archived() != null) {
            where.add("r.archived = :archived");
            params.put("archived", c.archived());
        }
        String expression = c.sort().expression;
        if (after != null) {
            // Keyset condition: strictly after (value, id). The redundant bound "value >= after" comes
            // first so that the database can start an index range scan at the cursor; with the
            // disjunction alone both H2 and PostgreSQL scan the sort index from its beginning and
            // filter, so a page deep into the list cost as much as reading everything before it.
            String op = c.descending() ? "<" : ">";
            where.add(expression + " " + op + "= :afterValue");
            where.add("(" + expression + " " + op + " :afterValue or (" + expression + " = :afterValue and r.id " + op
                    + " :afterId))");
            try {
                params.put("afterValue", c.sort().parse(after.value()));
            } catch (RuntimeException e) {
                throw org.rectrack.common.ProblemException.invalid("cursor", "is not a cursor this server issued for this sort");
            }
            params.put("afterId", after.id());
        }
    }

    /** The conditions, joined with {@code and}; {@code 1 = 1} when there are none. */
    public String where() {
        return where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    }

    /**
     * The HQL: recommendations filtered and ordered. Their reports are joined only to filter by one;
     * otherwise they are read in one batch after the page, since with the join H2 starts from the
     * report table and sorts every recommendation for a page.
     */
    String hql() {
        String direction = criteria.descending() ? " desc" : "";
        return "from Recommendation r" + (criteria.report() == null ? "" : " join fetch r.report rep")
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + criteria.sort().expression + direction + ", r.id" + direction;
    }

    public Parameters parameters() {
        Parameters parameters = new Parameters();
        params.forEach(parameters::and);
        return parameters;
    }
}
