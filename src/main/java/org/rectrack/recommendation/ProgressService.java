package org.rectrack.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import org.rectrack.institution.Institution;
import org.rectrack.recommendation.Bulk.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class ProgressService implements FeedItems {

    private final JsonItems items;
    private final Event<Changed> changed;
    private final ServiceClock clock;
    private final Caller caller;

    ProgressService(JsonItems items, Event<Changed> changed, ServiceClock clock, Caller caller) {
        this.items = items;
        this.changed = changed;
        this.clock = clock;
        this.caller = caller;
    }

    public Page<ProgressUpdateView> history(String reference, int limit, HistoryCursor after) {
        Recommendation recommendation = Recommendation.findByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        List<ProgressUpdate> rows = ProgressUpdate.history(recommendation, after.date(), after.recordedAt(), after.id(),
                limit + 1);
        return Page.of(rows, limit, ProgressUpdateView::of,
                p -> new HistoryCursor(p.reportedOn, p.recordedAt, p.id).toCursor());
    }

    public Optional<ProgressUpdateView> find(String reference, long id) {
        return ProgressUpdate.<ProgressUpdate>findByIdOptional(id)
                .filter(p -> p.recommendation.reference.equals(reference))
                .map(ProgressUpdateView::of);
    }

    /** Appends a progress report; the recommendation's latest progress and version follow. */
    @Transactional
    public ProgressUpdateView add(String reference, ProgressUpdateInput input) {
        return addAll(List.of(new Pending(reference, input))).get(0).orThrow();
    }

    /** Appends a bulk request's items; each stands alone, as for assessments. */
    @Transactional
    public List<Outcome<ProgressUpdateView>> addBulk(JsonNode body) {
        return Bulk.run(body, item -> new Pending(Bulk.reference(item, "recommendation"),
                items.read(item, ProgressUpdateInput.class, "recommendation")), this::addAll);
    }

    @Override
    public ChangeType type() {
        return ChangeType.PROGRESS_UPDATE;
    }

    @Override
    public Map<String, Object> current(List<String> ids) {
        return ProgressUpdate.<ProgressUpdate>list("id in ?1", ids.stream().map(Long::valueOf).toList()).stream()
                .collect(Collectors.toMap(p -> Long.toString(p.id), ProgressUpdateView::of));
    }

    private List<Outcome<ProgressUpdateView>> addAll(List<Pending> pending) {
        Map<String, Institution> institutions = Institution.findByCodes(
                        pending.stream().map(p -> p.input().institution()).distinct().toList())
                .stream().collect(Collectors.toMap(i -> i.code, Function.identity()));
        Map<String, Recommendation> recommendations =
                Recommendation.lockByReferences(pending.stream().map(Pending::recommendation).distinct().toList());
        List<Outcome<ProgressUpdateView>> outcomes = new ArrayList<>();
        Changed.Entries changes = new Changed.Entries();
        var now = clock.now();
        for (Pending p : pending) {
            Institution institution = institutions.get(p.input().institution());
            Recommendation recommendation = recommendations.get(p.recommendation());
            if (institution == null) {
                outcomes.add(Outcome.failed(
                        ProblemException.invalid("institution", "no institution '" + p.input().institution() + "'")));
            } else if (recommendation == null) {
                outcomes.add(Outcome.failed(ProblemException.notFound("recommendation", p.recommendation())));
            } else if (refusal(recommendation, institution).isPresent()) {
                outcomes.add(Outcome.failed(refusal(recommendation, institution).get()));
            } else {
                ProgressUpdate update = ProgressUpdate.record(recommendation, institution, p.input(), now, caller.name());
                changes.add(ChangeType.PROGRESS_UPDATE, Long.toString(update.id), recommendation.reference);
                outcomes.add(Outcome.created(ProgressUpdateView.of(update)));
            }
        }
        changes.toChanged().ifPresent(changed::fire);
        return outcomes;
    }

    /**
     * A reporter reports only on recommendations addressed to its institutions, and only in the name
     * of one of them.
     */
    private Optional<ProblemException> refusal(Recommendation recommendation, Institution institution) {
        if (caller.onlyReports() && !caller.institutions().contains(institution.code)) {
            return Optional.of(ProblemType.FORBIDDEN.problem("This key reports for "
                    + String.join(", ", caller.institutions().stream().sorted().toList())
                    + " only, not for '" + institution.code + "'"));
        }
        return caller.refusalFor(recommendation.addresseeCodes());
    }

    private record Pending(String recommendation, ProgressUpdateInput input) {
    }
}
