package org.rectrack.common;

import java.util.List;
import java.util.Map;

import org.rectrack.common.Problem.FieldError;

/** A failure the client can act on; the problem mapper turns it into problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors,
                            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), Map.of());
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "validation", "Invalid input", detail, errors, Map.of());
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what, String key) {
        return new ProblemException(404, "not-found", "Not found", "No " + what + " '" + key + "'");
    }

    public static ProblemException duplicate(String what, String key) {
        return new ProblemException(409, "duplicate", "Already exists", "A " + what + " '" + key + "' already exists");
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
