package org.rectrack.recommendation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.institution.Institution;
import org.rectrack.recommendation.Saved.Outcome;
import org.rectrack.report.Report;
import org.rectrack.theme.Theme;

/**
 * The rules of writing recommendations, for one recommendation or a whole import alike: every
 * draft's report, themes, addressees and repeated recommendation must exist (or, for
 * {@code repeats}, be written by the same batch), and no reference may be written twice. A draft
 * equal to the stored recommendation is left alone. Runs inside the caller's transaction.
 */
final class RecommendationWrites {

    /** What the batch is: a create (an existing reference is a 409), a patch, or an import (an upsert). */
    enum Mode { CREATE, PATCH, IMPORT }

    /** One draft checked: its outcome with its references resolved, or its problems. */
    static final class Planned {
        final Draft draft;
        final List<FieldError> problems;
        Report report;
        Set<Theme> themes;
        Set<Institution> addressees;
        /** The stored recommendation this one repeats, if it is stored already. */
        Recommendation repeatsStored;
        Outcome outcome;
        /** The recommendation as written: the stored one, or the new one once planned. */
        Recommendation entity;
        boolean persisted;
        boolean onPath;

        Planned(Draft draft) {
            this.draft = draft;
            this.problems = new ArrayList<>(draft.problems());
        }

        RecommendationInput input() {
            return draft.input();
        }

        Saved toSaved() {
            return new Saved(problems.isEmpty() ? outcome : null, List.copyOf(problems));
        }
    }

    private RecommendationWrites() {
    }

    /** Checks every draft; the plan is valid when no planned draft has a problem. */
    static List<Planned> check(List<Draft> drafts, Mode mode) {
        References refs = References.of(drafts.stream().map(Draft::input).filter(i -> i != null).toList());
        Map<String, Draft> firstWith = new HashMap<>();
        List<Planned> plan = new ArrayList<>();
        for (Draft draft : drafts) {
            Planned p = new Planned(draft);
            if (draft.input() != null) {
                resolve(p, refs, firstWith, mode);
            }
            plan.add(p);
        }
        return plan;
    }

    private static void resolve(Planned p, References refs, Map<String, Draft> firstWith, Mode mode) {
        RecommendationInput input = p.input();
        Set<String> bad = p.draft.badFields();
        if (!bad.contains("reference")) {
            Draft first = firstWith.putIfAbsent(input.reference(), p.draft);
            if (first != null) {
                p.problems.add(new FieldError("reference", "'" + input.reference() + "' is imported twice: also "
                        + first.origin()));
            }
            if (mode == Mode.CREATE && refs.recommendations.containsKey(input.reference())) {
                throw ProblemException.duplicate("recommendation", input.reference());
            }
        }
        p.report = refs.reports.get(input.report());
        if (!bad.contains("report") && p.report == null) {
            p.problems.add(new FieldError("report", "no report '" + input.report() + "'"));
        }
        p.themes = codes("themes", "theme", input.themes(), refs.themes, bad, p.problems);
        p.addressees = codes("addressees", "institution", input.addressees(), refs.institutions, bad, p.problems);
        if (input.repeats() != null && !bad.contains("repeats")) {
            if (input.repeats().equals(input.reference())) {
                p.problems.add(new FieldError("repeats", "must name another recommendation"));
            } else if (!refs.recommendations.containsKey(input.repeats()) && !refs.written.contains(input.repeats())) {
                p.problems.add(new FieldError("repeats", "no recommendation '" + input.repeats() + "'"
                        + (mode == Mode.IMPORT ? ", neither stored nor in this import" : "")));
            }
        }
        if (!p.problems.isEmpty()) {
            return; // an invalid draft has no outcome, and comparing it with the stored one may not even work
        }
        p.entity = refs.recommendations.get(input.reference());
        p.outcome = p.entity == null ? Outcome.CREATED
                : input.normalized().equals(p.entity.toInput()) ? Outcome.UNCHANGED : Outcome.UPDATED;
        p.repeatsStored = input.repeats() == null ? null : refs.recommendations.get(input.repeats());
    }

    private static <T> Set<T> codes(String field, String what, List<String> codes, Map<String, T> known,
                                    Set<String> bad, List<FieldError> problems) {
        Set<T> resolved = new LinkedHashSet<>();
        if (codes == null || bad.contains(field)) {
            return resolved;
        }
        for (int i = 0; i < codes.size(); i++) {
            T item = known.get(codes.get(i));
            if (item == null) {
                problems.add(new FieldError(field + "[" + i + "]", "no " + what + " '" + codes.get(i) + "'"));
            } else {
                resolved.add(item);
            }
        }
        return resolved;
    }

    /**
     * Applies a valid plan. New recommendations are persisted after the new ones they repeat, so
     * every insert finds its target already inserted; in the rare cycle of new recommendations
     * repeating each other, one link is set after its insert instead.
     */
    static void write(List<Planned> plan, Instant now) {
        Map<String, Planned> created = new HashMap<>();
        for (Planned p : plan) {
            if (p.outcome == Outcome.CREATED) {
                p.entity = new Recommendation();
                p.entity.reference = p.input().reference();
                p.entity.created(now);
                created.put(p.input().reference(), p);
            }
        }
        List<Planned> linkLater = new ArrayList<>();
        for (Planned start : plan) {
            Deque<Planned> chain = new ArrayDeque<>();
            for (Planned p = start; p != null && p.outcome == Outcome.CREATED && !p.persisted && !p.onPath;
                 p = p.input().repeats() == null ? null : created.get(p.input().repeats())) {
                p.onPath = true;
                chain.push(p);
            }
            while (!chain.isEmpty()) {
                Planned p = chain.pop();
                Planned target = p.input().repeats() == null ? null : created.get(p.input().repeats());
                boolean cycle = target != null && !target.persisted;
                p.entity.assign(p.input(), p.report, p.themes, p.addressees, cycle ? null : repeats(p, created));
                p.entity.persist();
                p.persisted = true;
                if (cycle) {
                    linkLater.add(p);
                }
            }
        }
        for (Planned p : linkLater) {
            p.entity.repeats = created.get(p.input().repeats()).entity;
            p.entity.changed(now);
        }
        for (Planned p : plan) {
            if (p.outcome == Outcome.UPDATED) {
                p.entity.assign(p.input(), p.report, p.themes, p.addressees, repeats(p, created));
                p.entity.changed(now);
            }
        }
    }

    private static Recommendation repeats(Planned p, Map<String, Planned> created) {
        if (p.input().repeats() == null) {
            return null;
        }
        return p.repeatsStored != null ? p.repeatsStored : created.get(p.input().repeats()).entity;
    }
}
