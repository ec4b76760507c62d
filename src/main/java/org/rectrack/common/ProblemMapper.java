package org.rectrack.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rectrack.common.Problem.FieldError;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become {@code application/problem+json}. Each mapper below only
 * names an exception type (Quarkus picks the most specific one); {@link #toProblem} decides.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    /**
     * Routing failures: a path of ours asked with a method it does not take is a 405 with the
     * methods it does take, also where Quarkus REST answers 404 (when the path matches the routes
     * of more than one resource class).
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if ((status == 404 || status == 405) && uri != null) {
            Set<String> allowed = AllowedMethods.of(uri.getRequestUri().getRawPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
                return toResponse(fromStatus(405).withHeader(HttpHeaders.ALLOW, String.join(", ", allowed)), uri);
            }
        }
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response resourceViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonInput(MismatchedInputException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    /** Quarkus Security's own mappers would answer these with an empty body. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri) {
        return toResponse(e, uri);
    }

    private static Response toResponse(Throwable e, UriInfo uri) {
        ProblemException p = toProblem(e);
        Problem body = body(p, uri == null ? null : uri.getRequestUri().getRawPath());
        Response.ResponseBuilder answer = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body);
        p.headers().forEach(answer::header);
        return answer.build();
    }

    public static Problem body(ProblemException p, String instance) {
        return new Problem(p.type().uri(), p.type().title(), p.status(), p.getMessage(), instance, p.errors());
    }

    /** Finds the most telling cause of a failure; anything unknown is a 500 whose detail says nothing. */
    public static ProblemException toProblem(Throwable failure) {
        // Our own answer wins wherever it sits: Jackson wraps what a body stream throws (such as the
        // size limit's 413) in a mapping exception of its own.
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ProblemException p) {
                if (p.status() >= 500) {
                    Log.errorf(failure, "Request failed: %s", p.getMessage());
                }
                return p;
            }
        }
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            // Quarkus wraps body-reading failures in a plain 400: the cause says more.
            ProblemException known = e instanceof WebApplicationException web && web.getCause() != null
                    && known(web.getCause()) != null ? null : known(e);
            if (known != null) {
                if (known.status() >= 500) {
                    Log.errorf(failure, "Request failed: %s", known.getMessage());
                }
                return known;
            }
        }
        Log.error("Unexpected failure", failure);
        return ProblemType.INTERNAL.problem("The request could not be completed. The error has been logged.");
    }

    private static ProblemException known(Throwable e) {
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof AuthenticationFailedException failed) {
            // a key was sent and is not valid: never anonymous (RFC 6750 names the error)
            return ProblemType.UNAUTHORIZED.problem(KeyRefused.reason(failed)
                            .orElse("The credentials could not be verified; send a valid API key as Authorization: Bearer <key>"))
                    .withHeader("WWW-Authenticate", "Bearer realm=\"rectrack\", error=\"invalid_token\"");
        }
        if (e instanceof UnauthorizedException) {
            return ProblemType.UNAUTHORIZED.problem("This operation needs an API key: send it as Authorization: Bearer <key>")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"rectrack\"");
        }
        if (e instanceof ForbiddenException) {
            return ProblemType.FORBIDDEN.problem(
                    "This key's role does not allow this operation; GET /api/v1/me shows what the key holds");
        }
        if (e instanceof ConstraintViolationException v) {
            return ProblemException.invalid(fieldErrors(v));
        }
        if (e instanceof JsonParseException parse) {
            var duplicate = StrictJson.duplicateField(parse);
            if (duplicate.isPresent()) {
                return ProblemException.invalid(duplicate.get(), "appears more than once in the same object");
            }
            var at = parse.getLocation();
            return ProblemType.MALFORMED_JSON.problem(
                    "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ProblemException.invalid(orBody(jsonField(unknown)), "is not a known field");
        }
        if (e instanceof StrictJson.Rejected rejected) {
            return ProblemException.invalid(orBody(jsonField(rejected)), rejected.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch.getPath().isEmpty()
                    ? ProblemType.MALFORMED_JSON.problem("The body has the wrong shape")
                    : ProblemException.invalid(orBody(jsonField(mismatch)), "has the wrong type or format");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && (mapping.getCause() == null || mapping.getCause() instanceof JsonProcessingException)) {
            // e.g. a number too large for its field: Jackson only names the field on the wrapper
            return ProblemException.invalid(orBody(jsonField(mapping)), "has the wrong type or format");
        }
        if (e instanceof JsonProcessingException) {
            return ProblemType.MALFORMED_JSON.problem("The body could not be read as JSON");
        }
        if (e instanceof SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
            // PostgreSQL refuses characters it cannot store (NUL), e.g. in a path parameter
            return ProblemException.invalid("request", "contains a character that cannot be stored (U+0000)");
        }
        if (e instanceof OptimisticLockException || e instanceof StaleStateException) {
            return ProblemType.PRECONDITION_FAILED.problem(
                    "The item was changed by someone else; read it again and retry with its new ETag");
        }
        if (e instanceof org.hibernate.exception.ConstraintViolationException) {
            return ProblemType.CONFLICT.problem("The change conflicts with an item written at the same time; retry it");
        }
        if (e instanceof JDBCConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException || e instanceof LockTimeoutException
                || e instanceof PessimisticLockException || unreachable(e)) {
            return ProblemType.UNAVAILABLE.problem("The database is unavailable or busy; retry later")
                    .withHeader("Retry-After", "5");
        }
        if (e instanceof WebApplicationException web) {
            return fromStatus(web.getResponse().getStatus());
        }
        return null;
    }

    /**
     * A connection-class SQLState (08xxx), the server going away or not yet taking connections
     * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now: PostgreSQL stopping or
     * starting), or the pool giving up waiting for a connection. Agroal says
     * that with a plain SQLException, either caused by a TimeoutException or, when no connection came
     * back in time, with no cause and no SQLState, only its message; Hibernate then wraps it as a
     * generic JDBC failure.
     */
    private static boolean unreachable(Throwable e) {
        return e instanceof SQLException sql
                && (sql.getSQLState() != null && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                || sql.getCause() instanceof TimeoutException
                || sql.getSQLState() == null && String.valueOf(sql.getMessage()).contains("acquisition timeout"));
    }

    static ProblemException fromStatus(int status) {
        ProblemType type = ProblemType.ofStatus(status);
        String detail = switch (status) {
            case 400 -> "The request could not be read";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body is too large";
            case 414 -> "The URL is too long";
            case 415 -> "This media type is not supported here";
            default -> type.title();
        };
        return type.problem(detail);
    }

    private static List<FieldError> fieldErrors(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(orBody(field(v.getPropertyPath())), v.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    /** `create.body.themes[1].<list element>` becomes `themes[1]`: method and parameter names are ours, not the client's. */
    public static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    /** The field a Jackson failure is about, as a client names it: {@code themes[1]}; empty for the whole value. */
    public static String jsonField(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }
}
