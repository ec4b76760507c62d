package org.rectrack.institution;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class InstitutionService {

    private static final Set<String> READ_ONLY =
            MergePatch.readOnly(InstitutionView.class, InstitutionInput.class, "code");

    private final MergePatch mergePatch;
    private final ChangeFeed feed;

    InstitutionService(MergePatch mergePatch, ChangeFeed feed) {
        this.mergePatch = mergePatch;
        this.feed = feed;
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
        institution.persist();
        feed.created(ChangeType.INSTITUTION, institution.code);
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
        InstitutionInput changed = mergePatch.apply(current, patch, READ_ONLY);
        if (!changed.equals(current)) {
            apply(institution, changed);
            feed.updated(ChangeType.INSTITUTION, institution.code);
        }
        return InstitutionView.of(institution);
    }

    private static void apply(Institution institution, InstitutionInput input) {
        institution.name = input.name();
        institution.country = input.country();
        institution.kind = input.kind();
    }
}
