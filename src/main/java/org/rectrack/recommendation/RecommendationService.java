package org.rectrack.recommendation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.rectrack.changes.ChangeType;
import org.rectrack.changes.Changed;
import org.rectrack.changes.FeedItems;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.common.ServiceClock;
import org.rectrack.recommendation.RecommendationFilter.Criteria;
import org.rectrack.recommendation.RecommendationWrites.Mode;
import org.rectrack.recommendation.RecommendationWrites.Planned;
import org.rectrack.recommendation.Saved.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class RecommendationService implements FeedItems {

    private static final Set<String> READ_ONLY =
            MergePatch.readOnly(RecommendationView.class, RecommendationInput.class, "reference");

    private final MergePatch mergePatch;
    private final Event<Changed> changed;
    private final ServiceClock clock;
    private final Session session;

    RecommendationService(MergePatch mergePatch, Event<Changed> changed, ServiceClock clock, Session session) {
        this.mergePatch = mergePatch;
        this.changed = changed;
        this.clock = clock;
        this.session = session;
    }

    /**
     * One page of recommendations. A fixed number of statements whatever the page size: the page with
     * its reports, then one batch each for themes, addressees, latest entries and repeated items.
     */
    public Page<RecommendationView> list(Criteria criteria, int limit, Cursor after) {
        RecommendationQuery query = new RecommendationQuery(criteria, after);
        List<Recommendation> rows = Recommendation.<Recommendation>find(query.hql(), query.parameters())
                .range(0, limit).list();
        return Page.of(rows, limit, r -> RecommendationView.of(r, criteria.today()),
                r -> new Cursor(criteria.sortKey(), criteria.sort().valueOf(r), r.id));
    }

    public Optional<RecommendationView> find(String reference) {
        return Recommendation.findByReference(reference).map(this::view);
    }

    @Transactional
    public RecommendationView create(RecommendationInput input) {
        return view(saveOne(Draft.of(input), Mode.CREATE));
    }

    @Transactional
    public RecommendationView patch(String reference, String ifMatch, JsonNode patch) {
        Recommendation recommendation = Recommendation.lockByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        ETags.requireMatch(ifMatch, view(recommendation).etag());
        RecommendationInput edited = mergePatch.apply(recommendation.toInput(), patch, READ_ONLY);
        return view(saveOne(Draft.of(edited), Mode.PATCH));
    }

    /**
     * Creates or updates recommendations by reference, all or nothing, by the same rules as a single
     * write. If any draft has a problem nothing is written and every problem is in the answer; with
     * {@code dryRun} nothing is written either way. The references the drafts name are read with a few
     * chunked IN queries and the writes go out in JDBC batches.
     */
    @Transactional
    public List<Saved> upsert(List<Draft> drafts, boolean dryRun) {
        List<Planned> plan = save(drafts, Mode.IMPORT, dryRun);
        return plan.stream().map(Planned::toSaved).toList();
    }

    @Override
    public ChangeType type() {
        return ChangeType.RECOMMENDATION;
    }

    @Override
    public Map<String, Object> current(List<String> references) {
        return Recommendation.<Recommendation>list("reference in ?1", references).stream()
                .collect(Collectors.toMap(r -> r.reference, this::view));
    }

    private RecommendationView view(Recommendation recommendation) {
        return RecommendationView.of(recommendation, clock.today());
    }

    private Recommendation saveOne(Draft draft, Mode mode) {
        Planned planned = save(List.of(draft), mode, false).get(0);
        if (!planned.problems.isEmpty()) {
            throw ProblemException.invalid(planned.problems);
        }
        return planned.entity;
    }

    /** Checks the drafts and, if every one is valid, writes them and announces what changed. */
    private List<Planned> save(List<Draft> drafts, Mode mode, boolean dryRun) {
        // One flush, at the end: before every query Hibernate would otherwise dirty-check the whole
        // persistence context, which grows with every chunk read (quadratic in an import's size).
        FlushMode flushMode = session.getHibernateFlushMode();
        session.setHibernateFlushMode(FlushMode.MANUAL);
        try {
            List<Planned> plan = RecommendationWrites.check(drafts, mode);
            if (plan.stream().anyMatch(p -> !p.problems.isEmpty())) {
                return plan;
            }
            if (dryRun) {
                // belt and braces: a dry run changes no entity, and its transaction is not committed either
                QuarkusTransaction.setRollbackOnly();
                return plan;
            }
            RecommendationWrites.write(plan, clock.now());
            flush(mode);
            List<Changed.Change> changes = plan.stream().filter(p -> p.outcome != Outcome.UNCHANGED)
                    .map(p -> new Changed.Change(ChangeType.RECOMMENDATION,
                            p.outcome == Outcome.CREATED ? Changed.CREATED : Changed.UPDATED, p.input().reference()))
                    .toList();
            if (!changes.isEmpty()) {
                changed.fire(new Changed(changes));
            }
            return plan;
        } finally {
            session.setHibernateFlushMode(flushMode);
        }
    }

    /** Writes now rather than at commit, so that an import row someone changed meanwhile is answered clearly. */
    private void flush(Mode mode) {
        try {
            session.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            if (mode != Mode.IMPORT) {
                throw e;
            }
            throw ProblemType.CONFLICT.problem("A recommendation of this import was changed by someone else while the "
                    + "import ran; nothing was imported. Run the import again.");
        }
    }
}
