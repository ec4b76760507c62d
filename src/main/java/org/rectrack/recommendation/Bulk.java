package org.rectrack.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.rectrack.common.Keys;
import org.rectrack.common.Problem;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemMapper;
import org.rectrack.common.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** The 207 answer of a bulk request: one result per item, in the order of the request. */
public final class Bulk {

    /** Items per bulk request; more is a 413. */
    public static final int MAX_ITEMS = 1000;

    private static final int MULTI_STATUS = 207;

    private Bulk() {
    }

    /** What happened to one item: {@code created} is set for a 201, {@code problem} otherwise. */
    // On the wire as AssessmentResult or ProgressUpdateResult, which name the item type.
    public record Result<T>(int index, int status, T created, Problem problem) {
    }

    /** Either an item that was written or why not. */
    public record Outcome<T>(T created, ProblemException problem) {

        public static <T> Outcome<T> created(T item) {
            return new Outcome<>(item, null);
        }

        public static <T> Outcome<T> failed(ProblemException problem) {
            return new Outcome<>(null, problem);
        }

        /** The created item, or the problem thrown, for a single write. */
        public T orThrow() {
            if (problem != null) {
                throw problem;
            }
            return created;
        }

        public Result<T> toResult(int index, String instance) {
            return problem == null ? new Result<>(index, 201, created, null)
                    : new Result<>(index, problem.status(), null, ProblemMapper.body(problem, instance));
        }
    }

    /** Rejects a bulk request that is not an array of 1 to {@link #MAX_ITEMS} items. */
    public static void checkSize(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.invalid("body", "must be a JSON array of items");
        }
        if (body.size() > MAX_ITEMS) {
            throw ProblemType.TOO_MANY_ITEMS.problem("A bulk request takes at most " + MAX_ITEMS + " items; this one has " + body.size()
                            + ". Split it into several requests.");
        }
    }

    /**
     * Runs a bulk request: {@code parse} reads each item (throwing for an invalid one, which then
     * gets its problem), {@code write} writes the valid ones together; outcomes come back in the
     * order of the request.
     */
    public static <P, T> List<Outcome<T>> run(JsonNode body,
                                              Function<JsonNode, P> parse,
                                              Function<List<P>, List<Outcome<T>>> write) {
        checkSize(body);
        List<Outcome<T>> outcomes = new ArrayList<>();
        List<P> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (JsonNode item : body) {
            try {
                valid.add(parse.apply(item));
                positions.add(outcomes.size());
                outcomes.add(null);
            } catch (RuntimeException e) {
                outcomes.add(Outcome.failed(ProblemMapper.toProblem(e)));
            }
        }
        List<Outcome<T>> written = write.apply(valid);
        for (int i = 0; i < written.size(); i++) {
            outcomes.set(positions.get(i), written.get(i));
        }
        return outcomes;
    }

    /** The reference an item names in {@code field}, or a 400 naming that field. */
    public static String reference(JsonNode item, String field) {
        JsonNode value = item == null ? null : item.get(field);
        if (value == null || !value.isTextual() || !value.asText().matches(Keys.REFERENCE)) {
            throw ProblemException.invalid(field, "must name a recommendation by its reference");
        }
        return value.asText();
    }

    /** Counts for a quick look at a 207 answer. */
    public record Answer<T>(List<Result<T>> results, int succeeded, int failed) {

        public static <T> Answer<T> of(List<Result<T>> results) {
            int ok = (int) results.stream().filter(r -> r.problem() == null).count();
            return new Answer<>(results, ok, results.size() - ok);
        }
    }

    /** The 207 Multi-Status answer: one result per outcome, in order. */
    static <T> Response multiStatus(List<Outcome<T>> outcomes, UriInfo uri) {
        String instance = uri.getRequestUri().getRawPath();
        List<Result<T>> results = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(outcomes.get(i).toResult(i, instance));
        }
        return Response.status(MULTI_STATUS).entity(Answer.of(results)).build();
    }
}
