package org.rectrack.recommendation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.rectrack.institution.Institution;
import org.rectrack.report.Report;
import org.rectrack.theme.Theme;

/**
 * Everything a batch of recommendation writes refers to, read before any of them is checked: a
 * few chunked IN queries per kind, not one query per recommendation.
 */
final class References {

    /** Keys per IN query: well under the bind-parameter limit of every database. */
    static final int CHUNK = 500;

    final Map<String, Report> reports;
    final Map<String, Theme> themes;
    final Map<String, Institution> institutions;
    /** Stored recommendations the batch names, as one to write or as one that is repeated. */
    final Map<String, Recommendation> recommendations;
    /** The references the batch writes. */
    final Set<String> written;

    private References(Map<String, Report> reports, Map<String, Theme> themes, Map<String, Institution> institutions,
                       Map<String, Recommendation> recommendations, Set<String> written) {
        this.reports = reports;
        this.themes = themes;
        this.institutions = institutions;
        this.recommendations = recommendations;
        this.written = written;
    }

    static References of(List<RecommendationInput> inputs) {
        Set<String> reports = new TreeSet<>();
        Set<String> themes = new TreeSet<>();
        Set<String> institutions = new TreeSet<>();
        Set<String> recommendations = new TreeSet<>();
        Set<String> written = new HashSet<>();
        for (RecommendationInput in : inputs) {
            addIfPresent(written, in.reference());
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
        return new References(
                byKey(reports, keys -> Report.<Report>list("reference in ?1", keys), r -> r.reference),
                byKey(themes, Theme::findByCodes, t -> t.code),
                byKey(institutions, Institution::findByCodes, i -> i.code),
                byKey(recommendations, keys -> Recommendation.<Recommendation>list("reference in ?1", keys),
                        r -> r.reference),
                written);
    }

    /** Runs {@code query} over the keys a chunk at a time and returns all it found. */
    static <T> List<T> inChunks(Collection<String> keys, Function<List<String>, List<T>> query) {
        List<T> found = new ArrayList<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
        return found;
    }

    private static void addIfPresent(Set<String> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }

    private static <T> Map<String, T> byKey(Collection<String> keys, Function<List<String>, List<T>> query,
                                            Function<T, String> keyOf) {
        Map<String, T> found = new HashMap<>();
        inChunks(keys, query).forEach(item -> found.put(keyOf.apply(item), item));
        return found;
    }
}
