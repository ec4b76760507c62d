package org.rectrack.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeType;
import org.rectrack.changes.Changed;
import org.rectrack.changes.FeedItems;
import org.rectrack.common.Caller;
import org.rectrack.common.JsonItems;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.common.ServiceClock;
import org.rectrack.recommendation.Bulk.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class AssessmentService implements FeedItems {

    private final JsonItems items;
    private final Event<Changed> changed;
    private final ServiceClock clock;
    private final Caller caller;

    AssessmentService(JsonItems items, Event<Changed> changed, ServiceClock clock, Caller caller) {
        this.items = items;
        this.changed = changed;
        this.clock = clock;
        this.caller = caller;
    }

    public Page<AssessmentView> history(String reference, int limit, HistoryCursor after) {
        Recommendation recommendation = Recommendation.findByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        List<Assessment> rows = Assessment.history(recommendation, after.date(), after.recordedAt(), after.id(), limit + 1);
        return Page.of(rows, limit, AssessmentView::of,
                a -> new HistoryCursor(a.assessedOn, a.recordedAt, a.id).toCursor());
    }

    public Optional<AssessmentView> find(String reference, long id) {
        return Assessment.<Assessment>findByIdOptional(id)
                .filter(a -> a.recommendation.reference.equals(reference))
                .map(AssessmentView::of);
    }

    /** Appends a rating; the recommendation's status and version follow in the same transaction. */
    @Transactional
    public AssessmentView add(String reference, AssessmentInput input) {
        return addAll(List.of(new Pending(reference, input))).get(0).orThrow();
    }

    /**
     * Appends a bulk request's items. Each item stands alone: an invalid one, or one naming an
     * unknown recommendation, gets its own problem and the others are written, in one transaction
     * and in JDBC batches.
     */
    @Transactional
    public List<Outcome<AssessmentView>> addBulk(JsonNode body) {
        return Bulk.run(body, item -> new Pending(Bulk.reference(item, "recommendation"),
                items.read(item, AssessmentInput.class, "recommendation")), this::addAll);
    }

    @Override
    public ChangeType type() {
        return ChangeType.ASSESSMENT;
    }

    @Override
    public Map<String, Object> current(List<String> ids) {
        return Assessment.<Assessment>list("id in ?1", ids.stream().map(Long::valueOf).toList()).stream()
                .collect(Collectors.toMap(a -> Long.toString(a.id), AssessmentView::of));
    }

    private List<Outcome<AssessmentView>> addAll(List<Pending> pending) {
        Map<String, Recommendation> recommendations =
                Recommendation.lockByReferences(pending.stream().map(Pending::recommendation).distinct().toList());
        List<Outcome<AssessmentView>> outcomes = new ArrayList<>();
        Changed.Entries changes = new Changed.Entries();
        var now = clock.now();
        for (Pending p : pending) {
            Recommendation recommendation = recommendations.get(p.recommendation());
            if (recommendation == null) {
                outcomes.add(Outcome.failed(ProblemException.notFound("recommendation", p.recommendation())));
                continue;
            }
            var refusal = refusal(recommendation, p.input());
            if (refusal.isPresent()) {
                outcomes.add(Outcome.failed(refusal.get()));
                continue;
            }
            try {
                Assessment assessment = Assessment.record(recommendation, p.input(), now, caller.name());
                changes.add(ChangeType.ASSESSMENT, Long.toString(assessment.id), recommendation.reference);
                outcomes.add(Outcome.created(AssessmentView.of(assessment)));
            } catch (ProblemException e) {
                outcomes.add(Outcome.failed(e));
            }
        }
        changes.toChanged().ifPresent(changed::fire);
        return outcomes;
    }

    /** A reporter rates only as the government, and only recommendations addressed to its institutions. */
    private Optional<ProblemException> refusal(Recommendation recommendation, AssessmentInput input) {
        if (caller.onlyReports() && input.assessorType() != AssessorType.GOVERNMENT) {
            return Optional.of(ProblemType.FORBIDDEN.problem("A reporter's key records GOVERNMENT assessments only; "
                    + input.assessorType() + " assessments need an editor's key"));
        }
        return caller.refusalFor(recommendation.addresseeCodes());
    }

    private record Pending(String recommendation, AssessmentInput input) {
    }
}
