package org.rectrack.common;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds to every operation the parts of the HTTP contract that hold for all of them: problem
 * responses, the ETag, Location, Link and Retry-After headers, and conditional request headers.
 * Written once here rather than on each resource method, so no operation can miss one.
 */
public class OpenApiContract implements OASFilter {

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
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The path of the request"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("FieldError")))
                .required(List.of("type", "title", "status")));

        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : openAPI.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            boolean item = path.endsWith("}");
            PathItem pathItem = entry.getValue();
            if (pathItem.getGET() != null) {
                Operation get = pathItem.getGET();
                get.addParameter(header("If-None-Match", "ETags of representations the client holds; a match is answered 304"));
                APIResponse ok = get.getResponses().getAPIResponse("200");
                if (ok != null) {
                    ok.addHeader("ETag", headerOf("Strong entity tag of this representation"));
                    ok.addHeader("Cache-Control", headerOf("no-cache: keep the body, but revalidate with If-None-Match"));
                    if (!item) {
                        ok.addHeader("Link", headerOf("<url of the next page>; rel=\"next\", when there is one"));
                    }
                }
                get.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                        .description("Not modified: the If-None-Match tag is current"));
                problems(get, item ? List.of("404", "406") : List.of("400", "404", "406"));
            }
            if (pathItem.getPOST() != null) {
                Operation post = pathItem.getPOST();
                post.addParameter(header("Idempotency-Key", "1 to 255 printable ASCII characters; a retry with the same "
                        + "key and request gets the first answer again, and the work is done once"));
                APIResponse created = post.getResponses().getAPIResponse("201");
                if (created != null) {
                    created.addHeader("Location", headerOf("URL of the created item"));
                    created.addHeader("ETag", headerOf("Strong entity tag of the created item"));
                    created.addHeader("Idempotency-Replayed",
                            headerOf("true when this is the stored answer to an earlier request with the same Idempotency-Key"));
                }
                problems(post, List.of("400", "404", "409", "413", "415", "422"));
            }
            if (pathItem.getPATCH() != null) {
                Operation patch = pathItem.getPATCH();
                patch.getParameters().stream().filter(p -> "If-Match".equals(p.getName())).forEach(p -> p.required(true)
                        .description("The ETag of the item as the client last read it; missing is 428, stale is 412"));
                APIResponse ok = patch.getResponses().getAPIResponse("200");
                if (ok != null) {
                    ok.addHeader("ETag", headerOf("The item's new entity tag"));
                }
                problems(patch, List.of("400", "404", "412", "413", "415", "428"));
            }
        }
    }

    /** Adds the problem responses; one an operation documents as a problem itself keeps its more telling description. */
    private static void problems(Operation operation, List<String> codes) {
        for (String code : codes) {
            APIResponse own = operation.getResponses().getAPIResponse(code);
            if (own == null || own.getContent() == null || own.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
                operation.getResponses().addAPIResponse(code, problem(describe(code)));
            }
        }
        operation.getResponses().addAPIResponse("500", problem("Internal error; the detail says nothing more"));
        operation.getResponses().addAPIResponse("503", problem("The database is unavailable; retry after the given seconds")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER))));
    }

    private static String describe(String code) {
        return switch (code) {
            case "400" -> "Invalid input: the errors list names every bad field or parameter";
            case "404" -> "No such item";
            case "406" -> "The Accept header asks for a media type this route cannot produce";
            case "409" -> "An item with this key already exists, or a request with the same Idempotency-Key is still running";
            case "412" -> "If-Match does not name the current ETag: someone else changed the item";
            case "413" -> "The body is larger than the configured limit";
            case "415" -> "The Content-Type is not accepted here";
            case "422" -> "The Idempotency-Key was already used for a different request";
            case "428" -> "If-Match is required for this write";
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

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
