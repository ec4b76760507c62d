package org.rectrack.progress;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rectrack.common.Caller;
import org.rectrack.common.HistoryCursor;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Timestamps;
import org.rectrack.institution.Institution;
import org.rectrack.recommendation.Recommendation;

@ApplicationScoped
public class ProgressService {

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
        Institution institution = Institution.findByCode(input.institution())
                .orElseThrow(() -> ProblemException.invalid("institution", "no institution '" + input.institution() + "'"));
        Recommendation recommendation = Recommendation.lockByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        ProgressUpdate update = new ProgressUpdate();
        update.recommendation = recommendation;
        update.institution = institution;
        update.stage = input.stage();
        update.percentComplete = input.percentComplete();
        update.summary = input.summary();
        update.reportedOn = input.reportedOn();
        update.evidence = input.evidence() == null ? List.of() : List.copyOf(input.evidence());
        update.recordedAt = Timestamps.now();
        update.recordedBy = Caller.name();
        update.persist();
        recommendation.accept(update);
        ProgressUpdate.flush();
        return ProgressUpdateView.of(update);
    }
}
