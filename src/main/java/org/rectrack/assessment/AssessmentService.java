package org.rectrack.assessment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rectrack.common.Caller;
import org.rectrack.common.HistoryCursor;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Timestamps;
import org.rectrack.recommendation.Recommendation;

@ApplicationScoped
public class AssessmentService {

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
        if (input.status() == ImplementationStatus.NOT_ASSESSED) {
            throw ProblemException.invalid("status", "must be a rating; NOT_ASSESSED is only the absence of one");
        }
        Recommendation recommendation = Recommendation.lockByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        Assessment assessment = new Assessment();
        assessment.recommendation = recommendation;
        assessment.status = input.status();
        assessment.rawStatus = input.rawStatus();
        assessment.assessorType = input.assessorType();
        assessment.assessorName = input.assessorName();
        assessment.assessedOn = input.assessedOn();
        assessment.source = input.source();
        assessment.rationale = input.rationale();
        assessment.evidence = input.evidence() == null ? List.of() : List.copyOf(input.evidence());
        assessment.recordedAt = Timestamps.now();
        assessment.recordedBy = Caller.name();
        assessment.persist();
        recommendation.accept(assessment);
        Assessment.flush();
        return AssessmentView.of(assessment);
    }
}
