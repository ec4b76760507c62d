package org.rectrack.recommendation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.rectrack.common.Problem.FieldError;

/**
 * A recommendation to write, with the problems already found while reading it (field paths within
 * it: {@code number}, {@code themes[1]}) and, for a draft of a batch, how a message about another
 * draft names this one ({@code on line 3}, {@code at [0]}). {@code input} is null when the draft
 * could not be read at all.
 */
public record Draft(RecommendationInput input, List<FieldError> problems, String origin) {

    public Draft {
        problems = List.copyOf(problems);
    }

    public static Draft of(RecommendationInput input) {
        return new Draft(input, List.of(), null);
    }

    /** The top-level field of a path: {@code themes} of {@code themes[1]}. */
    public static String field(String path) {
        int bracket = path.indexOf('[');
        return bracket < 0 ? path : path.substring(0, bracket);
    }

    /** The top-level fields with a problem already: their references are not looked up. */
    Set<String> badFields() {
        return problems.stream().map(p -> field(p.field())).collect(Collectors.toSet());
    }
}
