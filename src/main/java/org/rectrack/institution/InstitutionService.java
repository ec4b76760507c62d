package org.rectrack.institution;

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
public class InstitutionService implements FeedItems {

    private static final Set<String> READ_ONLY =
            MergePatch.readOnly(InstitutionView.class, InstitutionInput.class, "code");

    private final MergePatch mergePatch;
    private final Event<Changed> changed;
    private final ServiceClock clock;

    InstitutionService(MergePatch mergePatch, Event<Changed> changed, ServiceClock clock) {
        this.mergePatch = mergePatch;
        this.changed = changed;
        this.clock = clock;
    }

    public Page<InstitutionView> list(String country, InstitutionKind kind, int limit, Cursor after) {
        return Page.of(Institution.pageAfter(after == null ? null : after.value(), country, kind, limit + 1), limit,
                InstitutionView::of, i -> new Cursor("code", i.code, i.id));
    }

    public Optional<InstitutionView> find(String code) {
        return Institution.findByCode(code).map(InstitutionView::of);
    }

    @Transactional
    public InstitutionView create(InstitutionInput input) {
        if (Institution.findByCode(input.code()).isPresent()) {
            throw ProblemException.duplicate("institution", input.code());
        }
        Institution institution = new Institution();
        institution.code = input.code();
        apply(institution, input);
        institution.created(clock.now());
        institution.persist();
        changed.fire(Changed.created(ChangeType.INSTITUTION, institution.code));
        return InstitutionView.of(institution);
    }

    @Transactional
    public InstitutionView patch(String code, String ifMatch, JsonNode patch) {
        Institution institution = Institution.<Institution>find("code", code)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("institution", code));
        ETags.requireMatch(ifMatch, institution.etag());
        InstitutionInput current = new InstitutionInput(institution.code, institution.name, institution.country,
                institution.kind);
        InstitutionInput edited = mergePatch.apply(current, patch, READ_ONLY);
        if (!edited.equals(current)) {
            apply(institution, edited);
            institution.changed(clock.now());
            changed.fire(Changed.updated(ChangeType.INSTITUTION, institution.code));
        }
        return InstitutionView.of(institution);
    }

    @Override
    public ChangeType type() {
        return ChangeType.INSTITUTION;
    }

    @Override
    public Map<String, Object> current(List<String> codes) {
        return Institution.findByCodes(codes).stream().collect(Collectors.toMap(i -> i.code, InstitutionView::of));
    }

    private static void apply(Institution institution, InstitutionInput input) {
        institution.name = input.name();
        institution.country = input.country();
        institution.kind = input.kind();
    }
}
