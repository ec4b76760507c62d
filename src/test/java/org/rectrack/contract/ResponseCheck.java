package org.rectrack.contract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.networknt.schema.Error;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks one HTTP answer against what openapi.yaml declares for its operation and status. */
public final class ResponseCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One way an answer differs from the contract. {@code pointer} is the JSON pointer into the body ("" for the
     * whole answer), {@code schemaLocation} where in openapi.yaml the broken rule sits.
     */
    public record Mismatch(String operation, int status, String pointer, String schemaLocation, String reason) {

        @Override
        public String toString() {
            return operation + " " + status + " at '" + pointer + "' (" + schemaLocation + "): " + reason;
        }
    }

    /** What came back; {@code header} looks a response header up by name, case-insensitively. */
    public record Answer(String method, String uri, int status, String contentType, Function<String, String> header,
            String body) {
    }

    /** The outcome: skipped (with why), or validated against an operation with these mismatches. */
    public record Outcome(Optional<Contract.Operation> operation, String skipReason, List<Mismatch> mismatches) {

        static Outcome skipped(String reason) {
            return new Outcome(Optional.empty(), reason, List.of());
        }
    }

    private ResponseCheck() {
    }

    public static String rawPath(String uri) {
        String path;
        try {
            path = URI.create(uri).getRawPath();
        } catch (IllegalArgumentException e) {
            // a deliberately malformed URI: cut at the query by hand
            String rest = uri.replaceFirst("^[a-z]+://[^/]*", "");
            int q = rest.indexOf('?');
            path = q < 0 ? rest : rest.substring(0, q);
        }
        return path == null || path.isEmpty() ? "/" : withoutDotSegments(path);
    }

    /**
     * The server removes "." and ".." segments (RFC 3986, 5.2.4) before routing, also written as
     * {@code %2E} (an unreserved character, which Vert.x decodes first): so must the check.
     */
    static String withoutDotSegments(String path) {
        java.util.Deque<String> kept = new java.util.ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i].replaceAll("(?i)%2e", ".").equals("..") ? ".."
                    : segments[i].replaceAll("(?i)%2e", ".").equals(".") ? "." : segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                kept.pollLast();
                if (last) kept.add("");
            } else if (segment.equals(".")) {
                if (last) kept.add("");
            } else {
                kept.add(segment);
            }
        }
        return "/" + String.join("/", kept);
    }

    public static Outcome check(Answer answer) {
        Contract contract = Contract.get();
        String path = rawPath(answer.uri());
        boolean head = answer.method().equals("HEAD");
        // HEAD is GET without the body (RFC 9110): the contract declares the GET
        Optional<Contract.Operation> found = contract.find(head ? "GET" : answer.method(), path);
        if (found.isEmpty()) {
            return Outcome.skipped(contract.knowsPath(path) ? "method not in the contract" : "route not in the contract");
        }
        Contract.Operation op = found.get();
        List<Mismatch> mismatches = new ArrayList<>();
        Optional<JsonNode> declared = op.response(answer.status());
        if (declared.isEmpty()) {
            mismatches.add(new Mismatch(op.id(), answer.status(), "", "#/paths" + escape(op.template()) + "/"
                    + op.method().toLowerCase(Locale.ROOT) + "/responses", "status " + answer.status() + " is not declared"));
            return new Outcome(found, null, mismatches);
        }
        JsonNode response = declared.get();
        String responseLocation = "#/paths" + escape(op.template()) + "/" + op.method().toLowerCase(Locale.ROOT)
                + "/responses/" + answer.status();
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            if (header.getValue().path("required").asBoolean(false) && answer.header().apply(header.getKey()) == null) {
                mismatches.add(new Mismatch(op.id(), answer.status(), "", responseLocation + "/headers/" + header.getKey(),
                        "required header " + header.getKey() + " is missing"));
            }
        }
        String body = answer.body() == null ? "" : answer.body();
        JsonNode content = response.path("content");
        if (head || answer.status() == 304 || answer.status() == 204) {
            if (!body.isEmpty()) {
                mismatches.add(new Mismatch(op.id(), answer.status(), "", responseLocation, "a body was sent"));
            }
            return new Outcome(found, null, mismatches);
        }
        String mediaType = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (body.isEmpty()) {
            // a live event stream is judged by its head: its body never ends
            boolean stream = mediaType.equals("text/event-stream") && content.has("text/event-stream");
            if (!content.isEmpty() && !stream) {
                mismatches.add(new Mismatch(op.id(), answer.status(), "", responseLocation + "/content",
                        "empty body, but the contract declares " + names(content)));
            }
            return new Outcome(found, null, mismatches);
        }
        Optional<Map.Entry<String, JsonNode>> media = content.properties().stream()
                .filter(e -> matches(e.getKey(), mediaType)).findFirst();
        if (media.isEmpty()) {
            mismatches.add(new Mismatch(op.id(), answer.status(), "", responseLocation + "/content",
                    "Content-Type '" + answer.contentType() + "' is not declared (" + names(content) + ")"));
            return new Outcome(found, null, mismatches);
        }
        String schemaKey = responseLocation + "/content" + escape(media.get().getKey()) + "/schema";
        JsonNode schema = media.get().getValue().path("schema");
        if (schema.isMissingNode() || !(mediaType.endsWith("json") || mediaType.equals("application/x-ndjson"))) {
            return new Outcome(found, null, mismatches);
        }
        List<String> documents = mediaType.equals("application/x-ndjson")
                ? body.lines().filter(l -> !l.isBlank()).toList() : List.of(body);
        int line = 0;
        for (String document : documents) {
            String prefix = documents.size() > 1 || mediaType.equals("application/x-ndjson") ? "line " + (++line) + " " : "";
            JsonNode parsed;
            try {
                parsed = JSON.readTree(document);
            } catch (RuntimeException e) {
                mismatches.add(new Mismatch(op.id(), answer.status(), "", schemaKey, prefix + "the body is not JSON"));
                continue;
            }
            for (Error error : contract.schema(schemaKey, schema).validate(parsed)) {
                mismatches.add(new Mismatch(op.id(), answer.status(), prefix + error.getInstanceLocation(),
                        schemaKey + " " + error.getSchemaLocation().getFragment(), error.getMessage()));
            }
        }
        return new Outcome(found, null, mismatches);
    }

    private static boolean matches(String declared, String actual) {
        String d = declared.toLowerCase(Locale.ROOT);
        if (d.equals(actual) || d.equals("*/*")) {
            return true;
        }
        return d.endsWith("/*") && actual.startsWith(d.substring(0, d.length() - 1));
    }

    private static String names(JsonNode content) {
        return String.join(", ", content.propertyNames());
    }

    /** JSON pointer escaping of one token. */
    static String escape(String token) {
        return "/" + token.replace("~", "~0").replace("/", "~1");
    }
}
