package org.rectrack.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemMapper;
import org.rectrack.common.Timestamps;
import org.rectrack.imports.ImportResult.Outcome;
import org.rectrack.imports.ImportResult.RowOutcome;
import org.rectrack.institution.Institution;
import org.rectrack.recommendation.Recommendation;
import org.rectrack.recommendation.RecommendationCsv;
import org.rectrack.recommendation.RecommendationInput;
import org.rectrack.report.Report;
import org.rectrack.theme.Theme;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Upserts recommendations by reference, all or nothing. Every row is checked by the rules of
 * {@code POST /api/v1/recommendations} before anything is written; the references a file names are
 * looked up with a few chunked IN queries, not one query per row; the writes go out in JDBC batches
 * in one transaction. A row equal to the stored recommendation is left alone, so its version and
 * {@code updatedAt} stay as they were.
 */
@ApplicationScoped
public class ImportService {

    /** Keys per IN query: well under the bind-parameter limit of every database. */
    static final int CHUNK = 500;

    private final Validator validator;
    private final Session session;
    private final ChangeFeed feed;

    ImportService(Validator validator, Session session, ChangeFeed feed) {
        this.validator = validator;
        this.session = session;
        this.feed = feed;
    }

    /** A 422 naming every bad row; nothing was written. */
    static ProblemException invalid(List<FieldError> errors) {
        long rows = errors.stream().map(e -> e.field().split(", ")[0].split("\\.")[0]).distinct().count();
        String detail = (errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " problems in " + rows + (rows == 1 ? " row" : " rows")) + "; nothing was imported";
        return new ProblemException(422, "invalid-import", "Invalid import", detail, errors, Map.of());
    }

    @Transactional
    public ImportResult run(List<ImportRow> rows, boolean dryRun) {
        // One flush, at the end: before every query Hibernate would otherwise dirty-check the whole
        // persistence context, which grows with every chunk read (quadratic in the import's size).
        session.setHibernateFlushMode(FlushMode.MANUAL);
        Lookup lookup = Lookup.of(rows);
        List<FieldError> errors = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        Map<String, ImportRow> firstWith = new HashMap<>();
        for (ImportRow row : rows) {
            Planned planned = check(row, lookup, firstWith, errors);
            if (planned != null) {
                plan.add(planned);
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        if (dryRun) {
            // belt and braces: a dry run changes no entity, and its transaction is not committed either
            QuarkusTransaction.setRollbackOnly();
        } else {
            write(plan, lookup);
            flush(session);
            feed.publish(plan.stream().filter(p -> p.outcome != Outcome.UNCHANGED)
                    .map(p -> new ChangeFeed.Change(ChangeType.RECOMMENDATION,
                            p.outcome == Outcome.CREATED ? ChangeFeed.CREATED : ChangeFeed.UPDATED, p.input.reference()))
                    .toList());
        }
        ImportResult result = ImportResult.of(dryRun, plan.stream()
                .map(p -> new RowOutcome(p.row.line(), p.row.index(), p.input.reference(), p.outcome)).toList());
        Log.infof("Import%s of %d rows: %d created, %d updated, %d unchanged", dryRun ? " (dry run)" : "", rows.size(),
                result.summary().created(), result.summary().updated(), result.summary().unchanged());
        return result;
    }

    /** What one valid row will do, with its references resolved. */
    private static final class Planned {
        final ImportRow row;
        final RecommendationInput input;
        final Report report;
        final Set<Theme> themes;
        final Set<Institution> addressees;
        final Recommendation existing;
        final Outcome outcome;
        Recommendation entity;
        boolean persisted;
        boolean onPath;

        Planned(ImportRow row, RecommendationInput input, Report report, Set<Theme> themes,
                Set<Institution> addressees, Recommendation existing, Outcome outcome) {
            this.row = row;
            this.input = input;
            this.report = report;
            this.themes = themes;
            this.addressees = addressees;
            this.existing = existing;
            this.outcome = outcome;
        }
    }

    /** Checks one row against the same rules as a single create; null when it is invalid. */
    private Planned check(ImportRow row, Lookup lookup, Map<String, ImportRow> firstWith, List<FieldError> errors) {
        RowErrors rowErrors = new RowErrors(row);
        row.unreadable().forEach(e -> rowErrors.add(e.field(), e.message()));
        Set<String> unreadable = Set.copyOf(rowErrors.bad);
        RecommendationInput input = row.input();
        if (input != null) {
            for (ConstraintViolation<RecommendationInput> v : validator.validate(input)) {
                String path = ProblemMapper.field(v.getPropertyPath());
                if (!unreadable.contains(ImportRow.column(path))) { // a cell that could not be read is named once
                    rowErrors.add(path, row.message(path, v.getInvalidValue(), v.getMessage()));
                }
            }
        }
        Planned planned = input == null ? null : resolve(row, input, lookup, firstWith, rowErrors);
        errors.addAll(rowErrors.sorted());
        return planned;
    }

    /** Resolves the references of a row; null when any is unknown or the row had other errors. */
    private static Planned resolve(ImportRow row, RecommendationInput input, Lookup lookup,
                                   Map<String, ImportRow> firstWith, RowErrors errors) {
        Set<String> bad = Set.copyOf(errors.bad);
        if (!bad.contains("reference")) {
            ImportRow first = firstWith.putIfAbsent(input.reference(), row);
            if (first != null) {
                errors.add("reference", "'" + input.reference() + "' is imported twice: also "
                        + (first.isCsv() ? "on line " + first.line() : "at [" + first.index() + "]"));
            }
        }
        Report report = lookup.reports.get(input.report());
        if (!bad.contains("report") && report == null) {
            errors.add("report", "no report '" + input.report() + "'");
        }
        Set<Theme> themes = codes("themes", "theme", input.themes(), lookup.themes, bad, errors);
        Set<Institution> addressees = codes("addressees", "institution", input.addressees(), lookup.institutions, bad,
                errors);
        if (input.repeats() != null && !bad.contains("repeats")) {
            if (input.repeats().equals(input.reference())) {
                errors.add("repeats", "must name another recommendation");
            } else if (!lookup.recommendations.containsKey(input.repeats()) && !lookup.imported.contains(input.repeats())) {
                errors.add("repeats", "no recommendation '" + input.repeats() + "', neither stored nor in this import");
            }
        }
        if (!errors.bad.isEmpty()) {
            return null;
        }
        Recommendation existing = lookup.recommendations.get(input.reference());
        Outcome outcome = existing == null ? Outcome.CREATED
                : input.normalized().equals(existing.toInput()) ? Outcome.UNCHANGED : Outcome.UPDATED;
        return new Planned(row, input, report, themes, addressees, existing, outcome);
    }

    private static <T> Set<T> codes(String field, String what, List<String> codes, Map<String, T> known,
                                    Set<String> bad, RowErrors errors) {
        Set<T> resolved = new LinkedHashSet<>();
        if (codes == null || bad.contains(field)) {
            return resolved;
        }
        for (int i = 0; i < codes.size(); i++) {
            T item = known.get(codes.get(i));
            if (item == null) {
                errors.add(field + "[" + i + "]", "no " + what + " '" + codes.get(i) + "'");
            } else {
                resolved.add(item);
            }
        }
        return resolved;
    }

    /** The errors of one row, named for the client and ordered by column as an export writes them. */
    private static final class RowErrors {

        private record Entry(int column, String path, FieldError error) {
        }

        final ImportRow row;
        /** The top-level fields with an error: their references are not looked up. */
        final Set<String> bad = new HashSet<>();
        private final List<Entry> entries = new ArrayList<>();

        RowErrors(ImportRow row) {
            this.row = row;
        }

        void add(String path, String message) {
            String column = ImportRow.column(path);
            bad.add(column);
            entries.add(new Entry(RecommendationCsv.COLUMNS.indexOf(column), path,
                    new FieldError(row.field(path), message)));
        }

        List<FieldError> sorted() {
            return entries.stream().sorted(Comparator.comparingInt(Entry::column).thenComparing(Entry::path)
                    .thenComparing(e -> e.error().message())).map(Entry::error).toList();
        }
    }

    /**
     * Applies the plan. New recommendations are persisted after the new ones they repeat, so every
     * insert finds its target already inserted; in the rare cycle of new recommendations repeating
     * each other, one link is set after its insert instead.
     */
    private static void write(List<Planned> plan, Lookup lookup) {
        Map<String, Planned> created = new HashMap<>();
        for (Planned p : plan) {
            if (p.outcome == Outcome.CREATED) {
                p.entity = new Recommendation();
                p.entity.reference = p.input.reference();
                created.put(p.input.reference(), p);
            }
        }
        List<Planned> linkLater = new ArrayList<>();
        for (Planned start : plan) {
            Deque<Planned> chain = new ArrayDeque<>();
            for (Planned p = start; p != null && p.outcome == Outcome.CREATED && !p.persisted && !p.onPath;
                 p = p.input.repeats() == null ? null : created.get(p.input.repeats())) {
                p.onPath = true;
                chain.push(p);
            }
            while (!chain.isEmpty()) {
                Planned p = chain.pop();
                Planned target = p.input.repeats() == null ? null : created.get(p.input.repeats());
                boolean cycle = target != null && !target.persisted;
                p.entity.assign(p.input, p.report, p.themes, p.addressees, cycle ? null : repeats(p, lookup, created));
                p.entity.persist();
                p.persisted = true;
                if (cycle) {
                    linkLater.add(p);
                }
            }
        }
        for (Planned p : linkLater) {
            p.entity.repeats = created.get(p.input.repeats()).entity;
        }
        var now = Timestamps.now();
        for (Planned p : plan) {
            if (p.outcome == Outcome.UPDATED) {
                p.existing.assign(p.input, p.report, p.themes, p.addressees, repeats(p, lookup, created));
                p.existing.updatedAt = now;
            }
        }
    }

    private static Recommendation repeats(Planned p, Lookup lookup, Map<String, Planned> created) {
        String reference = p.input.repeats();
        if (reference == null) {
            return null;
        }
        Recommendation stored = lookup.recommendations.get(reference);
        return stored != null ? stored : created.get(reference).entity;
    }

    /** Writes now rather than at commit, so that a row someone changed meanwhile is answered clearly. */
    private static void flush(Session session) {
        try {
            session.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw new ProblemException(409, "conflict", "Conflict", "A recommendation of this import was changed by "
                    + "someone else while the import ran; nothing was imported. Run the import again.");
        }
    }

    /** Everything an import refers to, read before any row is checked: a few chunked IN queries per kind. */
    private static final class Lookup {
        final Map<String, Report> reports;
        final Map<String, Theme> themes;
        final Map<String, Institution> institutions;
        /** Stored recommendations the import names, as a row or as what a row repeats. */
        final Map<String, Recommendation> recommendations;
        /** The references the import's rows bring. */
        final Set<String> imported;

        private Lookup(Map<String, Report> reports, Map<String, Theme> themes, Map<String, Institution> institutions,
                       Map<String, Recommendation> recommendations, Set<String> imported) {
            this.reports = reports;
            this.themes = themes;
            this.institutions = institutions;
            this.recommendations = recommendations;
            this.imported = imported;
        }

        static Lookup of(List<ImportRow> rows) {
            Set<String> reports = new TreeSet<>();
            Set<String> themes = new TreeSet<>();
            Set<String> institutions = new TreeSet<>();
            Set<String> recommendations = new TreeSet<>();
            Set<String> imported = new HashSet<>();
            for (ImportRow row : rows) {
                RecommendationInput in = row.input();
                if (in == null) {
                    continue;
                }
                addIfPresent(imported, in.reference());
                addIfPresent(recommendations, in.reference());
                addIfPresent(recommendations, in.repeats());
                addIfPresent(reports, in.report());
                if (in.themes() != null) {
                    in.themes().forEach(code -> addIfPresent(themes, code));
                }
                if (in.addressees() != null) {
                    in.addressees().forEach(code -> addIfPresent(institutions, code));
                }
            }
            return new Lookup(
                    byKey(reports, keys -> Report.<Report>list("reference in ?1", keys), r -> r.reference),
                    byKey(themes, Theme::findByCodes, t -> t.code),
                    byKey(institutions, Institution::findByCodes, i -> i.code),
                    byKey(recommendations, keys -> Recommendation.<Recommendation>list("reference in ?1", keys),
                            r -> r.reference),
                    imported);
        }

        private static void addIfPresent(Set<String> keys, String key) {
            if (key != null) {
                keys.add(key);
            }
        }

        private static <T> Map<String, T> byKey(Collection<String> keys, Function<List<String>, List<T>> query,
                                                Function<T, String> keyOf) {
            Map<String, T> found = new HashMap<>();
            List<String> all = List.copyOf(keys);
            for (int from = 0; from < all.size(); from += CHUNK) {
                for (T item : query.apply(all.subList(from, Math.min(all.size(), from + CHUNK)))) {
                    found.put(keyOf.apply(item), item);
                }
            }
            return found;
        }
    }
}
