package org.rectrack.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The adapter between the Vert.x layer and the problem catalogue: what a request must be before any
 * resource reads it, and the answer to every failure raised below JAX-RS. An over-long URI is a 414,
 * over-large headers a 431, an invalid percent-encoding, a URL byte that is not ASCII or an encoded
 * byte sequence that is not UTF-8 a 400 naming the path or the query parameter; each as problem+json,
 * where Vert.x would answer an empty body or decode the bytes into replacement characters. A body
 * that declares more than the HTTP layer's cap is a 413 before any of it is read.
 *
 * <p>The HTTP codec keeps hard caps of its own ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}), set well above these limits so that the limits here are the ones clients
 * meet. Two answers come before the router, with an empty body, and no application hook reaches them:
 * a request the codec cannot parse (past those caps, a control character in a header value, a space in
 * the URL) goes to Vert.x's default invalid-request handler, which Quarkus never replaces; and a URI
 * that {@link java.net.URI} refuses ({@code %ZZ}, {@code |}, <code>{</code>) gets a 400 from Quarkus's
 * own root handler. The percent-encoding check here therefore only sees what {@code java.net.URI}
 * accepts, such as {@code %FF}; it stays so that no such URI reaches a resource, whatever runs below.
 */
@ApplicationScoped
public class HttpLayer {

    /** The longest request target (path and query) served; longer is a 414. */
    public static final int MAX_URI_LENGTH = 4096;

    /** The most header bytes (names, values and their separators) taken; more is a 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** What a problem's {@code instance} repeats of a path at most. */
    private static final int MAX_INSTANCE_LENGTH = 2048;

    private final ObjectMapper mapper;
    /** The HTTP layer's buffering cap: past it Quarkus would answer a bare 413 and close the connection. */
    private final long maxBody;

    HttpLayer(ObjectMapper mapper, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.mapper = mapper;
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(this::failed);
        // a failure that no route's failure handler takes (one raised while routes are matched) reaches only these
        for (int status : new int[] {400, 413, 414, 431, 500, 503}) {
            router.errorHandler(status, this::failed);
        }
    }

    /** Passes the request on, or answers the first rule it breaks. */
    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<ProblemException> problem = problem(request);
        long declared = declaredLength(request);
        if (problem.isPresent()) {
            send(context, problem.get());
        } else if (declared > maxBody) {
            // answered before the body is read, so a client that waits for 100 Continue sends none of it;
            // the connection closes after the answer, since the body that may follow is not read
            if (request.version() != HttpVersion.HTTP_2) {
                context.response().putHeader("Connection", "close")
                        .endHandler(ended -> request.connection().close());
            }
            send(context, ProblemType.TOO_LARGE.problem("The body declares " + declared
                    + " bytes; no route takes more than " + maxBody));
        } else {
            context.next();
        }
    }

    /** The request's Content-Length, or -1 when it has none (or none that is a number). */
    private static long declaredLength(HttpServerRequest request) {
        try {
            String length = request.getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Optional<ProblemException> problem(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of(ProblemType.URI_TOO_LONG.problem(
                    "The URL is " + uri.length() + " characters long; at most " + MAX_URI_LENGTH + " are served"));
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            return Optional.of(ProblemType.HEADERS_TOO_LARGE.problem(
                    "The request headers take " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES + " are taken"));
        }
        String path = request.path();
        String pathProblem = encodingProblem(path == null ? "" : path);
        if (pathProblem != null) {
            return Optional.of(ProblemException.invalid("path", pathProblem));
        }
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String nameProblem = encodingProblem(name);
                if (nameProblem != null) {
                    return Optional.of(ProblemException.invalid("query", "a parameter name " + nameProblem));
                }
                String valueProblem = eq < 0 ? null : encodingProblem(pair.substring(eq + 1));
                if (valueProblem != null) {
                    String field = decode(name);
                    return Optional.of(ProblemException.invalid(field.isEmpty() || field.length() > 64 ? "query" : field,
                            valueProblem));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with one raw part of a URL, or null: each character printable ASCII, each {@code %}
     * followed by two hex digits, and the bytes so encoded UTF-8 (which rules out lone surrogates).
     */
    static String encodingProblem(String raw) {
        if (raw.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "must be ASCII: percent-encode other characters as UTF-8";
        }
        ByteBuffer bytes = percentDecoded(raw);
        if (bytes == null) {
            return "has an invalid percent-encoding: % must be followed by two hex digits";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return null;
        } catch (CharacterCodingException e) {
            return "is not UTF-8 once percent-decoded";
        }
    }

    /** A raw part already checked by {@link #encodingProblem}, decoded; {@code +} stays itself. */
    private static String decode(String raw) {
        return StandardCharsets.UTF_8.decode(percentDecoded(raw)).toString();
    }

    /** The bytes a raw URL part encodes, or null when a {@code %} is not followed by two hex digits. */
    private static ByteBuffer percentDecoded(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
            } else if (i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.put((byte) Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                return null;
            }
        }
        return bytes.flip();
    }

    /**
     * A failure raised by Vert.x itself (a request without a Host header, a body over the HTTP layer's
     * cap) or by a route outside JAX-RS: the same problem+json the resources answer, never the failure's class.
     */
    private void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode();
        Optional<ProblemException> known = problem(context.request());
        ProblemException problem = known.isPresent() ? known.get()
                : status >= 400 && status < 500 ? ProblemMapper.fromStatus(status)
                : ProblemMapper.toProblem(context.failure() == null ? new IllegalStateException("routing failed")
                        : context.failure());
        if (status >= 400 && status < 500) {
            Log.debugf(context.failure(), "Rejected below JAX-RS with %d", status);
        }
        send(context, problem);
    }

    /** Answers a request with a problem from below JAX-RS, as the resources would. */
    public void send(RoutingContext context, ProblemException problem) {
        String path = context.request().path();
        String instance = path == null ? "/" : path.length() > MAX_INSTANCE_LENGTH ? path.substring(0, MAX_INSTANCE_LENGTH) : path;
        String body;
        try {
            body = mapper.writeValueAsString(ProblemMapper.body(problem, instance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response = context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE);
        problem.headers().forEach(response::putHeader);
        response.end(body);
    }
}
