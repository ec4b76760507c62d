package org.rectrack.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The parts of the HTTP contract that hold for every operation, written once here rather than on
 * each resource method, so no operation can miss one:
 * <ul>
 * <li>problem responses, and the statuses the HTTP layer answers for any route (406, 414, 431);</li>
 * <li>the headers actually sent: ETag, Cache-Control, Link, Vary, Location, Idempotency-Replayed,
 * Retry-After, and the conditional request headers;</li>
 * <li>schema rules: every property of a response schema is {@code required} (Jackson writes every
 * field, {@code null} included) unless the schema lists its own; a field the server may send as
 * {@code null} says so on its record component with {@code @Schema(nullable = true)}, written here in
 * the OpenAPI 3.1 form generators read ({@code type: [string, "null"]}, or {@code anyOf} with
 * {@code null} for a {@code $ref});</li>
 * <li>each PATCH body gets its own {@code …Patch} schema, derived from the {@code …Input} its
 * resource names: the same fields minus the route's key (what {@link MergePatch#readOnly} refuses),
 * none required, no defaults, and nullable exactly where the input does not require the field, which
 * is where {@code null} clears it (or resets it to its default);</li>
 * <li>query parameters: arrays have {@code items}, enumerations of words are strings;</li>
 * <li>access: SmallRye writes each operation's security requirement from its {@code @RolesAllowed}
 * (the role as the requirement's scope, moved here to {@code x-required-role} and the description, as
 * scopes are OAuth's); an operation readers may call is open to anonymous callers
 * too ({@code {}}), every operation may answer 401 (a bad key is never anonymous), 403 (a role above
 * reader is needed, or a foreign origin with CORS on), and 429; every answer past the URL checks carries the rate-limit headers.</li>
 * </ul>
 */
public class OpenApiContract implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String SSE = "text/event-stream";

    /** Every date, in a body or a parameter, says the one rule the server holds it to ({@link Dates}). */
    @Override
    public Schema filterSchema(Schema schema) {
        if ("date".equals(schema.getFormat()) && schema.getPattern() == null) {
            schema.setPattern(Dates.PATTERN);
            String rule = "ISO date YYYY-MM-DD with a year from " + Dates.MIN_YEAR + " to " + Dates.MAX_YEAR;
            schema.setDescription(schema.getDescription() == null ? rule : schema.getDescription() + ". " + rule);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema("FieldError", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid field, query parameter or CSV cell")
                .addProperty("field", string("JSON path of the field, e.g. themes[2]"))
                .addProperty("message", string("What is wrong with it")));
        components.addSchema("Problem", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details; the body of every 4xx and 5xx answer")
                .addProperty("type", string("A URI naming the kind of problem, e.g. urn:rectrack:problem:validation"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The path of the request").addType(SchemaType.NULL))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Every invalid field, parameter or row; empty unless the input was invalid")
                        .items(OASFactory.createSchema().ref("FieldError"))));

        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("{scheme}://{host}")
                    .description("A rectrack instance; by default one started locally with ./mvnw quarkus:dev")
                    .addVariable("scheme", OASFactory.createServerVariable().defaultValue("http").enumeration(List.of("http", "https")))
                    .addVariable("host", OASFactory.createServerVariable().defaultValue("localhost:8080")
                            .description("Host name and port of the instance")));
        }
        // Operations without a requirement of their own (GET /api/v1/me) are open to everyone.
        openAPI.setSecurity(new ArrayList<>());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : openAPI.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            PathItem pathItem = entry.getValue();
            for (Operation operation : pathItem.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(OpenApiContract::parameter);
                }
            }
            describe(pathItem);
            if (pathItem.getGET() != null) {
                get(pathItem.getGET());
            }
            if (pathItem.getPOST() != null) {
                post(pathItem.getPOST());
            }
            if (pathItem.getPATCH() != null) {
                patch(pathItem.getPATCH(), path, components);
            }
            if (pathItem.getDELETE() != null) {
                problems(pathItem.getDELETE(), List.of("400", "404", "406", "414", "431"));
            }
            for (Operation operation : pathItem.getOperations().values()) {
                access(operation);
            }
        }
        requireResponseFields(openAPI, components);
        for (Schema schema : components.getSchemas().values()) {
            nullables(schema);
        }
    }

    /** What the contract says of an operation, for one that does not describe itself. */
    private static void describe(PathItem pathItem) {
        Operation get = pathItem.getGET();
        if (get != null && get.getDescription() == null) {
            get.setDescription(!paged(get)
                    ? "The answer has an ETag; If-None-Match with a current tag gets 304 and no body."
                    : "Answers one page of at most `limit` items (default 50); `next` (null on the last page) and the "
                    + "Link header lead to the next one. The page has an ETag; If-None-Match with a current tag gets "
                    + "304 and no body.");
        }
        Operation post = pathItem.getPOST();
        if (post != null && post.getDescription() == null) {
            post.setDescription("Answers 201 with the created item, its Location and its ETag. With an Idempotency-Key "
                    + "a retry gets the first answer again and the item is created once.");
        }
        Operation patch = pathItem.getPATCH();
        if (patch != null && patch.getDescription() == null) {
            patch.setDescription("A JSON merge patch (RFC 7396) of the fields to change, sent with If-Match set to the "
                    + "ETag last read: without it 428, with a stale one 412 and nothing changes. Answers the changed "
                    + "item with its new ETag.");
        }
    }

    private static void get(Operation get) {
        APIResponse ok = get.getResponses().getAPIResponse("200");
        boolean stream = ok != null && ok.getContent() != null && ok.getContent().getMediaTypes().keySet().equals(Set.of(SSE));
        if (stream) {
            // a live stream has no representation to tag: no ETag, no If-None-Match, no 304
            problems(get, List.of("400", "404", "406", "414", "431"));
            return;
        }
        boolean negotiated = ok != null && ok.getContent() != null && ok.getContent().getMediaTypes().size() > 1;
        get.addParameter(header("If-None-Match", "ETags of representations the client holds; a match is answered 304"));
        APIResponse notModified = OASFactory.createAPIResponse()
                .description("Not modified: the If-None-Match tag is current")
                .addHeader("ETag", headerOf("The current entity tag, the one the client sent"))
                .addHeader("Cache-Control", headerOf("no-cache"));
        if (ok != null) {
            ok.addHeader("ETag", negotiated
                    ? headerOf("Strong entity tag of this representation. An export streamed while a write committed has none")
                    : headerOf("Strong entity tag of this representation").required(true));
            ok.addHeader("Cache-Control", headerOf("no-cache: keep the body, but revalidate with If-None-Match").required(true));
            if (paged(get)) {
                ok.addHeader("Link", headerOf("<url of the next page>; rel=\"next\", when there is one"));
            }
            if (negotiated) {
                ok.addHeader("Vary", headerOf("Accept, and Accept-Encoding when the answer may be compressed: the answer depends on them").required(true));
                ok.addHeader("Content-Disposition", headerOf("attachment; filename=…, on an export (any media type but JSON)"));
                notModified.addHeader("Vary", headerOf("Accept").required(true));
            }
        }
        get.getResponses().addAPIResponse("304", notModified);
        problems(get, List.of("400", "404", "406", "414", "431"));
    }

    /** A GET whose JSON answer is a page: {@code items}, {@code next} and a Link header. */
    private static boolean paged(Operation get) {
        APIResponse ok = get.getResponses() == null ? null : get.getResponses().getAPIResponse("200");
        MediaType json = ok == null || ok.getContent() == null ? null : ok.getContent().getMediaType("application/json");
        return json != null && json.getSchema() != null && String.valueOf(json.getSchema().getRef()).endsWith("Page");
    }

    private static void post(Operation post) {
        post.addParameter(header("Idempotency-Key", "1 to 255 printable ASCII characters; a retry with the same "
                + "key and request gets the first answer again, and the work is done once"));
        APIResponse created = post.getResponses().getAPIResponse("201");
        if (created != null) {
            created.addHeader("Location", headerOf("URL of the created item").required(true));
            created.addHeader("ETag", headerOf("Strong entity tag of the created item").required(true));
        }
        problems(post, List.of("400", "404", "406", "409", "413", "414", "415", "422", "431"));
        post.getResponses().getAPIResponse("409").addHeader("Retry-After",
                retryAfter("When a request with the same Idempotency-Key is still running: seconds to wait"));
        // a stored answer (2xx or 4xx) is replayed with the same status, headers and bytes, plus this header
        post.getResponses().getAPIResponses().forEach((code, answer) -> {
            if (code.startsWith("2") || code.startsWith("4") && !code.equals("409")) {
                answer.addHeader("Idempotency-Replayed",
                        headerOf("true when this is the stored answer to an earlier request with the same Idempotency-Key"));
            }
        });
    }

    private static void patch(Operation patch, String path, Components components) {
        patch.getParameters().stream().filter(p -> "If-Match".equals(p.getName())).forEach(p -> p.required(true)
                .description("The ETag of the item as the client last read it; missing is 428, stale is 412"));
        APIResponse ok = patch.getResponses().getAPIResponse("200");
        if (ok != null) {
            ok.addHeader("ETag", headerOf("The item's new entity tag").required(true));
        }
        problems(patch, List.of("400", "404", "406", "412", "413", "414", "415", "428", "431"));
        MediaType body = patch.getRequestBody() == null || patch.getRequestBody().getContent() == null ? null
                : patch.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
        if (body == null || body.getSchema() == null || body.getSchema().getRef() == null) {
            return;
        }
        String inputName = body.getSchema().getRef().substring(SCHEMAS.length());
        Schema input = components.getSchemas().get(inputName);
        if (input == null || !inputName.endsWith("Input")) {
            return;
        }
        String patchName = inputName.substring(0, inputName.length() - "Input".length()) + "Patch";
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            keys.add(m.group(1));
        }
        components.addSchema(patchName, patchOf(input, keys));
        body.setSchema(OASFactory.createSchema().ref(patchName));
    }

    /** The merge-patch schema of an input: its fields but the keys, all optional, nullable where not required. */
    private static Schema patchOf(Schema input, Set<String> keys) {
        List<String> required = input.getRequired() == null ? List.of() : input.getRequired();
        Schema patch = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("A JSON merge patch (RFC 7396): send only the fields to change. null clears an optional "
                        + "field or resets it to its default; a field required at creation cannot be null. "
                        + String.join(", ", keys) + " and the server's fields are read-only: naming one is a 400.")
                .additionalPropertiesBoolean(false);
        input.getProperties().forEach((name, property) -> {
            if (keys.contains(name)) {
                return;
            }
            Schema field = copy(property);
            Object byDefault = field.getDefaultValue();
            field.setDefaultValue(null);
            if (!required.contains(name)) {
                if (byDefault != null) {
                    field.description((field.getDescription() == null ? "" : field.getDescription() + ". ")
                            + "null resets it to " + byDefault);
                }
                markNullable(field);
            }
            patch.addProperty(name, field);
        });
        return patch;
    }

    /** Makes every object schema a response can reach list all its properties as required, unless it lists its own. */
    private static void requireResponseFields(OpenAPI openAPI, Components components) {
        Set<String> reached = new LinkedHashSet<>();
        List<Schema> todo = new ArrayList<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                    if (response.getContent() != null) {
                        response.getContent().getMediaTypes().values().stream().map(MediaType::getSchema)
                                .filter(s -> s != null).forEach(todo::add);
                    }
                }
            }
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.remove(todo.size() - 1);
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(SCHEMAS.length());
                Schema named = components.getSchemas().get(name);
                if (named != null && reached.add(name)) {
                    todo.add(named);
                }
            }
            if (schema.getItems() != null) {
                todo.add(schema.getItems());
            }
            if (schema.getProperties() != null) {
                todo.addAll(schema.getProperties().values());
            }
            for (List<Schema> all : List.of(nonNull(schema.getAnyOf()), nonNull(schema.getAllOf()), nonNull(schema.getOneOf()))) {
                todo.addAll(all);
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                todo.add(schema.getAdditionalPropertiesSchema());
            }
        }
        for (String name : reached) {
            Schema schema = components.getSchemas().get(name);
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /**
     * Writes the nullable properties of a schema in the form generators read for OpenAPI 3.1. The
     * scanner writes a nullable {@code $ref} as {@code anyOf} beside a {@code type} that would exclude
     * {@code null}, and repeats a referenced enumeration's type beside its {@code $ref}: the
     * {@code $ref} or {@code anyOf} alone says it.
     */
    private static void nullables(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            List<SchemaType> types = property.getType();
            if (property.getRef() != null && types != null && types.contains(SchemaType.NULL)) {
                markNullable(property);
            }
            if (property.getRef() != null || property.getAnyOf() != null) {
                property.setType(null);
            }
        }
    }

    /** {@code type: [x, "null"]}, or for a {@code $ref} {@code anyOf: [{$ref}, {type: "null"}]}. */
    private static void markNullable(Schema field) {
        if (field.getRef() != null) {
            String ref = field.getRef();
            field.setRef(null);
            field.setType(null);
            field.setAnyOf(List.of(OASFactory.createSchema().ref(ref), OASFactory.createSchema().addType(SchemaType.NULL)));
        } else if (field.getAnyOf() != null) {
            if (field.getAnyOf().stream().noneMatch(s -> s.getType() != null && s.getType().contains(SchemaType.NULL))) {
                List<Schema> any = new ArrayList<>(field.getAnyOf());
                any.add(OASFactory.createSchema().addType(SchemaType.NULL));
                field.setAnyOf(any);
            }
        } else if (field.getType() != null && !field.getType().isEmpty() && !field.getType().contains(SchemaType.NULL)) {
            List<SchemaType> types = new ArrayList<>(field.getType());
            types.add(SchemaType.NULL);
            field.setType(types);
        }
    }

    /** Array parameters get items (the enumeration moves into them); enumerations of words are strings. */
    private static void parameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || schema.getRef() != null) {
            return;
        }
        List<SchemaType> types = schema.getType();
        if (types != null && types.contains(SchemaType.ARRAY) && schema.getItems() == null) {
            Schema items = OASFactory.createSchema().addType(SchemaType.STRING);
            if (schema.getEnumeration() != null) {
                items.setEnumeration(strings(schema.getEnumeration()));
                schema.setEnumeration(null);
            }
            schema.setItems(items);
        } else if ((types == null || types.isEmpty()) && schema.getEnumeration() != null) {
            schema.setType(List.of(SchemaType.STRING));
            schema.setEnumeration(strings(schema.getEnumeration()));
        }
    }

    /**
     * The security an operation declares, its 401, 403 and 429, and the rate-limit headers of its answers.
     * SmallRye names the role in the requirement and adds 401 and 403 without a body; they become problems.
     */
    private static void access(Operation operation) {
        List<SecurityRequirement> requirements = operation.getSecurity() == null ? List.of() : operation.getSecurity();
        // SmallRye names the role as the requirement's scope; scopes belong to OAuth, so it moves to x-required-role
        String role = requirements.stream().flatMap(r -> r.getSchemes().values().stream()).filter(roles -> roles != null)
                .flatMap(List::stream).findFirst().orElse(null);
        boolean readers = Role.READ.equals(role);
        if (role != null) {
            operation.addExtension("x-required-role", role);
            String needs = readers ? "No key is needed to read (unless anonymous reads are turned off); a key of any role may read."
                    : "Needs an API key with the `" + role + "` role or one above it.";
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            List<SecurityRequirement> declared = new ArrayList<>();
            if (readers) {
                // the data is public: no key is needed to read, unless rectrack.anonymous-read=false
                declared.add(OASFactory.createSecurityRequirement());
            }
            declared.add(OASFactory.createSecurityRequirement().addScheme("apiKey"));
            operation.setSecurity(declared);
        }
        boolean roleAboveReader = role != null && !readers;
        operation.getResponses().removeAPIResponse("401");
        operation.getResponses().removeAPIResponse("403");
        operation.getResponses().addAPIResponse("401", problem("No API key where one is needed, or a key that is unknown, "
                        + "expired or revoked (a bad key is refused everywhere, never taken for none)")
                .addHeader("WWW-Authenticate", headerOf("Bearer realm=\"rectrack\", with error=\"invalid_token\" for a bad key")
                        .required(true)));
        String foreignOrigin = "a request from an origin that quarkus.http.cors.origins does not list (with CORS on)";
        operation.getResponses().addAPIResponse("403", problem(roleAboveReader ? "The key's role does not allow this "
                + "operation, a reporter's key is not for an institution the recommendation is addressed to, or "
                + foreignOrigin : "Only " + foreignOrigin));
        operation.getResponses().addAPIResponse("429", problem("Over the rate limit of the key or, without a key, of the "
                        + "client address").addHeader("Retry-After", retryAfter("Seconds until a request is allowed again").required(true)));
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            // the URL checks (400 for a bad URL, 414, 431) come before the rate limit; every other answer has the headers
            boolean always = !Set.of("400", "414", "431").contains(answer.getKey());
            answer.getValue().addHeader("RateLimit-Policy", headerOf("The limit that applies: \"key\" or \"anonymous\", "
                    + "q requests per w seconds, e.g. \"key\";q=1200;w=60").required(always));
            answer.getValue().addHeader("RateLimit", headerOf("Where the caller stands: r requests remain, the quota is "
                    + "whole again in t seconds, e.g. \"key\";r=1187;t=1").required(always));
        }
    }

    /**
     * Adds the problem responses, 500 and 503; one an operation documents as a problem itself keeps
     * its more telling description. 405 is not among them: it is the answer to a method a route does
     * not have, so no operation of the document can give it.
     */
    private static void problems(Operation operation, List<String> codes) {
        List<String> all = new ArrayList<>(codes);
        all.add("500");
        all.add("503");
        for (String code : all) {
            APIResponse own = operation.getResponses().getAPIResponse(code);
            if (own == null || own.getContent() == null || own.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
                operation.getResponses().addAPIResponse(code, problem(describe(code)));
            }
        }
        operation.getResponses().getAPIResponse("503").addHeader("Retry-After",
                retryAfter("Seconds to wait before retrying").required(true));
    }

    private static String describe(String code) {
        return switch (code) {
            case "400" -> "Invalid input: the errors list names every bad field, parameter or header. A request "
                    + "target that is not a valid URI, or a header value with a control character, is refused by the "
                    + "HTTP layer before the service sees it, with an empty 400";
            case "404" -> "No such item";
            case "406" -> "The Accept header asks for a media type this route cannot produce";
            case "409" -> "An item with this key already exists, or a request with the same Idempotency-Key is still running";
            case "412" -> "If-Match does not name the current ETag: someone else changed the item";
            case "413" -> "The body is larger than the configured limit";
            case "414" -> "The URI is longer than the server reads";
            case "415" -> "The Content-Type is not accepted here";
            case "422" -> "The Idempotency-Key was already used for a different request";
            case "428" -> "If-Match is required for this write";
            case "431" -> "The request's header fields are larger than the server reads";
            case "500" -> "Internal error; the detail says nothing more";
            case "503" -> "The database is unavailable; retry after the given seconds";
            default -> "Error";
        };
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
    }

    private static Parameter header(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).description(description)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Header headerOf(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Header retryAfter(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(SchemaType.INTEGER));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    /** A copy of a property's own keywords; nested schemas are shared, and left alone. */
    private static Schema copy(Schema source) {
        Schema copy = OASFactory.createSchema();
        copy.setAll(new LinkedHashMap<>(source.getAll()));
        if (source.getRef() != null) {
            // a $ref beside a type only repeats what the referenced schema says
            copy.setType(null);
        }
        return copy;
    }

    private static List<Object> strings(List<Object> values) {
        return values.stream().map(v -> (Object) String.valueOf(v)).toList();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
