package org.rectrack.common;

import jakarta.ws.rs.core.Response;

/**
 * The catalogue of problem types the API answers with: each names its status, the slug of its
 * {@code type} URI ({@code urn:rectrack:problem:<slug>}) and its title. Throw one with
 * {@link #problem(String)}; statuses that only the HTTP layer raises get {@link #ofStatus(int)}.
 */
public record ProblemType(int status, String slug, String title) {

    public static final ProblemType VALIDATION = new ProblemType(400, "validation", "Invalid input");
    public static final ProblemType MALFORMED_JSON = new ProblemType(400, "malformed", "Malformed JSON");
    public static final ProblemType MALFORMED_CSV = new ProblemType(400, "malformed", "Malformed CSV");
    public static final ProblemType UNAUTHORIZED = new ProblemType(401, "unauthorized", "Unauthorized");
    public static final ProblemType FORBIDDEN = new ProblemType(403, "forbidden", "Forbidden");
    public static final ProblemType NOT_FOUND = new ProblemType(404, "not-found", "Not found");
    public static final ProblemType DUPLICATE = new ProblemType(409, "duplicate", "Already exists");
    public static final ProblemType CONFLICT = new ProblemType(409, "conflict", "Conflict");
    public static final ProblemType KEY_IN_USE = new ProblemType(409, "idempotency-key-in-use", "Request in progress");
    public static final ProblemType PRUNED = new ProblemType(410, "changes-pruned", "Gone");
    public static final ProblemType PRECONDITION_FAILED =
            new ProblemType(412, "precondition-failed", "Precondition failed");
    public static final ProblemType TOO_LARGE = new ProblemType(413, "too-large", "Content too large");
    public static final ProblemType TOO_MANY_ITEMS = new ProblemType(413, "too-many-items", "Too many items");
    public static final ProblemType URI_TOO_LONG = new ProblemType(414, "uri-too-long", "URI too long");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType(415, "unsupported-media-type", "Unsupported Media Type");
    public static final ProblemType INVALID_IMPORT = new ProblemType(422, "invalid-import", "Invalid import");
    public static final ProblemType KEY_REUSED =
            new ProblemType(422, "idempotency-key-reused", "Idempotency-Key reused");
    public static final ProblemType PRECONDITION_REQUIRED =
            new ProblemType(428, "precondition-required", "Precondition required");
    public static final ProblemType RATE_LIMITED = new ProblemType(429, "rate-limited", "Too many requests");
    public static final ProblemType HEADERS_TOO_LARGE =
            new ProblemType(431, "headers-too-large", "Request header fields too large");
    public static final ProblemType INTERNAL = new ProblemType(500, "internal", "Internal server error");
    public static final ProblemType UNAVAILABLE = new ProblemType(503, "unavailable", "Service unavailable");
    public static final ProblemType TOO_MANY_STREAMS = new ProblemType(503, "too-many-streams", "Service unavailable");

    /** The type of a status raised by the HTTP layer itself (405, 406, …), titled by its reason phrase. */
    public static ProblemType ofStatus(int status) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return new ProblemType(status, title.toLowerCase().replace(' ', '-'), title);
    }

    public String uri() {
        return "urn:rectrack:problem:" + slug;
    }

    public ProblemException problem(String detail) {
        return new ProblemException(this, detail);
    }
}
