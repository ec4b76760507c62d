package org.rectrack.recommendation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.Errors;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Timestamps;
import org.rectrack.institution.Institution;
import org.rectrack.recommendation.RecommendationFilter.Criteria;
import org.rectrack.report.Report;
import org.rectrack.theme.Theme;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class RecommendationService {

    private static final Set<String> READ_ONLY =
            MergePatch.readOnly(RecommendationView.class, RecommendationInput.class, "reference");

    private final MergePatch mergePatch;
    private final ChangeFeed feed;

    RecommendationService(MergePatch mergePatch, ChangeFeed feed) {
        this.mergePatch = mergePatch;
        this.feed = feed;
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
        return Recommendation.findByReference(reference).map(r -> RecommendationView.of(r, Recommendation.today()));
    }

    @Transactional
    public RecommendationView create(RecommendationInput input) {
        if (Recommendation.findByReference(input.reference()).isPresent()) {
            throw ProblemException.duplicate("recommendation", input.reference());
        }
        Recommendation recommendation = new Recommendation();
        recommendation.reference = input.reference();
        apply(recommendation, input);
        recommendation.persist();
        feed.created(ChangeType.RECOMMENDATION, recommendation.reference);
        return RecommendationView.of(recommendation, Recommendation.today());
    }

    @Transactional
    public RecommendationView patch(String reference, String ifMatch, JsonNode patch) {
        Recommendation recommendation = Recommendation.lockByReference(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference));
        ETags.requireMatch(ifMatch, RecommendationView.of(recommendation, Recommendation.today()).etag());
        RecommendationInput current = recommendation.toInput();
        RecommendationInput changed = mergePatch.apply(current, patch, READ_ONLY);
        if (!changed.normalized().equals(current)) {
            apply(recommendation, changed);
            recommendation.updatedAt = Timestamps.now();
            feed.updated(ChangeType.RECOMMENDATION, recommendation.reference);
        }
        return RecommendationView.of(recommendation, Recommendation.today());
    }

    /** Sets the writable fields, resolving every reference first; all unknown ones are one 400. */
    private static void apply(Recommendation r, RecommendationInput input) {
        Errors errors = new Errors();
        Report report = Report.findByReference(input.report()).orElse(null);
        if (report == null) {
            errors.add("report", "no report '" + input.report() + "'");
        }
        Set<Theme> themes = resolve("themes", input.themes(), Theme::findByCodes, t -> t.code, errors);
        Set<Institution> addressees = resolve("addressees", input.addressees(), Institution::findByCodes, i -> i.code,
                errors);
        Recommendation repeats = null;
        if (input.repeats() != null) {
            if (input.repeats().equals(r.reference)) {
                errors.add("repeats", "must name another recommendation");
            } else {
                repeats = Recommendation.findByReference(input.repeats()).orElse(null);
                if (repeats == null) {
                    errors.add("repeats", "no recommendation '" + input.repeats() + "'");
                }
            }
        }
        errors.throwIfAny();
        r.assign(input, report, themes, addressees, repeats);
    }

    /** Looks up a list of codes in one query and names each unknown one by its position. */
    private static <T> Set<T> resolve(String field, List<String> codes, Function<List<String>, List<T>> lookup,
                                      Function<T, String> codeOf, Errors errors) {
        if (codes == null || codes.isEmpty()) {
            return Set.of();
        }
        Map<String, T> found = lookup.apply(codes.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(codeOf, Function.identity()));
        Set<T> resolved = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            T item = found.get(codes.get(i));
            if (item == null) {
                errors.add(field + "[" + i + "]", "no " + field.substring(0, field.length() - 1).replace("addressee", "institution")
                        + " '" + codes.get(i) + "'");
            } else {
                resolved.add(item);
            }
        }
        return resolved;
    }
}
