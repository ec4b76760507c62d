package org.rectrack.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeType;
import org.rectrack.changes.Changed;
import org.rectrack.changes.FeedItems;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ServiceClock;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class ReportService implements FeedItems {

    private static final Set<String> READ_ONLY = MergePatch.readOnly(ReportView.class, ReportInput.class, "reference");

    private final MergePatch mergePatch;
    private final Event<Changed> changed;
    private final ServiceClock clock;

    ReportService(MergePatch mergePatch, Event<Changed> changed, ServiceClock clock) {
        this.mergePatch = mergePatch;
        this.changed = changed;
        this.clock = clock;
    }

    /** Reports in reference order; archived ones only when asked for ({@code archived} null means all). */
    public Page<ReportView> list(String country, Boolean archived, int limit, Cursor after) {
        return Page.of(Report.pageAfter(after == null ? null : after.value(), country, archived, limit + 1), limit,
                ReportView::of, r -> new Cursor("reference", r.reference, r.id));
    }

    public Optional<ReportView> find(String reference) {
        return Report.findByReference(reference).map(ReportView::of);
    }

    @Transactional
    public ReportView create(ReportInput input) {
        if (Report.findByReference(input.reference()).isPresent()) {
            throw ProblemException.duplicate("report", input.reference());
        }
        Report report = new Report();
        report.reference = input.reference();
        apply(report, input);
        report.created(clock.now());
        report.persist();
        changed.fire(Changed.created(ChangeType.REPORT, report.reference));
        return ReportView.of(report);
    }

    @Transactional
    public ReportView patch(String reference, String ifMatch, JsonNode patch) {
        Report report = Report.<Report>find("reference", reference).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("report", reference));
        ETags.requireMatch(ifMatch, report.etag());
        ReportInput current = new ReportInput(report.reference, report.title, report.issuer, report.country,
                report.kind, report.electionDate, report.publishedOn, report.url, report.archived);
        ReportInput edited = mergePatch.apply(current, patch, READ_ONLY);
        if (!edited.equals(current)) {
            apply(report, edited);
            report.changed(clock.now());
            changed.fire(Changed.updated(ChangeType.REPORT, report.reference));
        }
        return ReportView.of(report);
    }

    @Override
    public ChangeType type() {
        return ChangeType.REPORT;
    }

    @Override
    public Map<String, Object> current(List<String> references) {
        return Report.<Report>list("reference in ?1", references).stream()
                .collect(Collectors.toMap(r -> r.reference, ReportView::of));
    }

    private static void apply(Report report, ReportInput input) {
        report.title = input.title();
        report.issuer = input.issuer();
        report.country = input.country();
        report.kind = input.kind();
        report.electionDate = input.electionDate();
        report.publishedOn = input.publishedOn();
        report.url = input.url();
        report.archived = Boolean.TRUE.equals(input.archived());
    }
}
