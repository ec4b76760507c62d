package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** The committed openapi.yaml is the contract partners build against: it must be what the code serves. */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi.yaml");

    private static String served() {
        return given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void shouldMatchTheCommittedContract() throws IOException {
        String served = served();
        if (Boolean.getBoolean("rectrack.openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(committed, served, "openapi.yaml differs from what the code produces. If the change is "
                + "intended, refresh it with: ./mvnw test -Dtest=OpenApiContractTest -Drectrack.openapi.update=true");
    }

    @Test
    void shouldBeAValidOpenApi3DocumentNamingEveryRoute() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served(), null, options);
        assertEquals(List.of(), result.getMessages(), "the document must parse without messages");
        OpenAPI api = result.getOpenAPI();
        assertTrue(api.getOpenapi().startsWith("3."), "OpenAPI 3, was " + api.getOpenapi());

        Map<String, List<String>> routes = Map.of(
                "/api/v1/reports", List.of("get", "post"),
                "/api/v1/reports/{reference}", List.of("get", "patch"),
                "/api/v1/recommendations", List.of("get", "post"),
                "/api/v1/recommendations/{reference}", List.of("get", "patch"),
                "/api/v1/recommendations/{reference}/assessments", List.of("get", "post"),
                "/api/v1/recommendations/{reference}/progress-updates", List.of("get", "post"),
                "/api/v1/institutions", List.of("get", "post"),
                "/api/v1/institutions/{code}", List.of("get", "patch"),
                "/api/v1/themes", List.of("get", "post"),
                "/api/v1/themes/{code}", List.of("get", "patch"));
        routes.forEach((path, methods) -> {
            var item = api.getPaths().get(path);
            assertTrue(item != null, "missing route " + path);
            for (String method : methods) {
                Operation operation = item.readOperationsMap().get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method.toUpperCase()));
                assertTrue(operation != null, "missing " + method + " " + path);
                assertTrue(operation.getOperationId() != null, "no operationId on " + method + " " + path);
                assertTrue(operation.getResponses().containsKey("500"), "no problem responses on " + method + " " + path);
                var problem = operation.getResponses().get("400") != null ? operation.getResponses().get("400")
                        : operation.getResponses().get("404");
                assertTrue(problem.getContent().containsKey("application/problem+json"),
                        "problem responses are application/problem+json on " + method + " " + path);
            }
        });
        var get = api.getPaths().get("/api/v1/recommendations").getGet();
        assertTrue(get.getResponses().get("200").getHeaders().containsKey("ETag"), "lists document their ETag");
        assertTrue(get.getResponses().get("200").getHeaders().containsKey("Link"), "lists document their Link");
        assertTrue(get.getResponses().containsKey("304"), "GETs document 304");
        List<String> filters = get.getParameters().stream().map(p -> p.getName()).toList();
        assertTrue(filters.containsAll(List.of("report", "country", "status", "priority", "theme", "addressee",
                "response", "overdue", "q", "updatedSince", "archived", "sort", "limit", "cursor")), "filters: " + filters);
        List<String> feedParameters = api.getPaths().get("/api/v1/changes").getGet().getParameters().stream()
                .map(p -> p.getName()).toList();
        assertTrue(feedParameters.containsAll(List.of("after", "type", "limit")) && !feedParameters.contains("cursor"),
                "the feed pages by position, without a cursor: " + feedParameters);
        var patch = api.getPaths().get("/api/v1/recommendations/{reference}").getPatch();
        assertTrue(patch.getResponses().containsKey("412") && patch.getResponses().containsKey("428"));
        assertTrue(patch.getRequestBody().getContent().containsKey("application/merge-patch+json"));
        var post = api.getPaths().get("/api/v1/reports").getPost();
        assertTrue(post.getResponses().get("201").getHeaders().containsKey("Location"));
    }

    // The checks below read the document as plain YAML, as a generator does, so they see exactly what
    // is served and not a parser's idea of it.

    private static final List<String> METHODS = List.of("get", "post", "patch", "put", "delete");

    private static JsonNode document() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(served());
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        if (node != null) {
            node.fields().forEachRemaining(all::add);
        }
        return all;
    }

    /** Every operation as "METHOD path" with its node. */
    private static List<Map.Entry<String, JsonNode>> operations(JsonNode api) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        for (var path : fields(api.path("paths"))) {
            for (var operation : fields(path.getValue())) {
                if (METHODS.contains(operation.getKey())) {
                    all.add(Map.entry(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue()));
                }
            }
        }
        return all;
    }

    private static JsonNode schema(JsonNode api, String ref) {
        return api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }

    private static boolean nullable(JsonNode property) {
        JsonNode types = property.path("type");
        if ("null".equals(types.asText())) {
            return true;
        }
        for (JsonNode type : types) {
            if ("null".equals(type.asText())) {
                return true;
            }
        }
        for (JsonNode any : property.path("anyOf")) {
            if ("null".equals(any.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldGiveEveryPatchItsOwnSchemaWithNothingRequiredAndNoDefaults() throws IOException {
        JsonNode api = document();
        int patches = 0;
        for (var operation : operations(api)) {
            if (!operation.getKey().startsWith("PATCH ")) {
                continue;
            }
            patches++;
            String name = operation.getKey();
            JsonNode body = operation.getValue().path("requestBody").path("content").path("application/merge-patch+json");
            String ref = body.path("schema").path("$ref").asText();
            assertTrue(ref.endsWith("Patch"), name + " takes a …Patch schema, not " + ref);
            JsonNode patch = schema(api, ref);
            assertTrue(patch.path("required").isMissingNode() || patch.path("required").isEmpty(), name + ": nothing is required");
            assertFalse(patch.path("additionalProperties").asBoolean(true), name + ": unknown fields are refused");
            JsonNode input = schema(api, ref.replaceFirst("Patch$", "Input"));
            Set<String> required = new LinkedHashSet<>();
            input.path("required").forEach(r -> required.add(r.asText()));
            Set<String> expected = new LinkedHashSet<>();
            input.path("properties").fieldNames().forEachRemaining(expected::add);
            // the route's key is read-only: the server refuses it in a patch
            expected.remove(name.substring(name.lastIndexOf('{') + 1, name.lastIndexOf('}')));
            Set<String> actual = new LinkedHashSet<>();
            patch.path("properties").fieldNames().forEachRemaining(actual::add);
            assertEquals(expected, actual, name + ": the input's fields but the key");
            for (var property : fields(patch.path("properties"))) {
                assertTrue(property.getValue().path("default").isMissingNode(), name + ": " + property.getKey() + " has no default");
                assertEquals(!required.contains(property.getKey()), nullable(property.getValue()),
                        name + ": " + property.getKey() + " is nullable exactly when the input does not require it");
            }
        }
        assertEquals(5, patches, "reports, recommendations, institutions, themes, webhooks");
    }

    @Test
    void shouldGiveEveryArrayParameterItsItemsAndEveryEnumerationAType() throws IOException {
        JsonNode api = document();
        for (var operation : operations(api)) {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                String name = operation.getKey() + " ?" + parameter.path("name").asText();
                JsonNode schema = parameter.path("schema");
                assertFalse(schema.isMissingNode(), name + " has a schema");
                if ("array".equals(schema.path("type").asText())) {
                    assertFalse(schema.path("items").isMissingNode(), name + " has items");
                    assertTrue(schema.path("enum").isMissingNode(), name + ": the enumeration belongs to the items");
                }
                if (!schema.path("enum").isMissingNode()) {
                    assertEquals("string", schema.path("type").asText(), name + ": an enumeration of words is a string");
                    schema.path("enum").forEach(v -> assertTrue(v.isTextual(), name + ": " + v + " is a string"));
                }
            }
        }
        JsonNode archived = null;
        for (JsonNode parameter : api.path("paths").path("/api/v1/recommendations").path("get").path("parameters")) {
            if ("archived".equals(parameter.path("name").asText())) {
                archived = parameter.path("schema");
            }
        }
        assertEquals("[\"false\",\"true\",\"any\"]", String.valueOf(archived.path("enum")));
    }

    @Test
    void shouldDeclareTheStatusesEveryOperationCanAnswer() throws IOException {
        JsonNode api = document();
        for (var operation : operations(api)) {
            String name = operation.getKey();
            JsonNode responses = operation.getValue().path("responses");
            List<String> codes = new ArrayList<>(List.of("400", "406", "414", "431", "500", "503"));
            if (name.startsWith("POST ")) {
                codes.addAll(List.of("409", "413", "415", "422"));
            }
            if (name.startsWith("PATCH ")) {
                codes.addAll(List.of("404", "412", "413", "415", "428"));
            }
            for (String code : codes) {
                assertTrue(responses.path(code).path("content").has("application/problem+json"),
                        name + " declares " + code + " as problem+json");
            }
            assertTrue(responses.path("429").path("headers").path("Retry-After").path("required").asBoolean(),
                    name + ": 429 says when to retry");
            assertTrue(responses.path("401").path("headers").path("WWW-Authenticate").path("required").asBoolean(),
                    name + ": 401 names the Bearer scheme");
            assertTrue(responses.path("200").isMissingNode() || responses.path("200").path("headers").path("RateLimit")
                    .path("required").asBoolean(), name + ": every answer says where the caller stands");
            assertTrue(responses.path("503").path("headers").has("Retry-After"), name + ": 503 says when to retry");
        }
    }

    @Test
    void shouldDeclareExactlyTheHeadersAnswersCarry() throws IOException {
        JsonNode api = document();
        JsonNode stream = api.path("paths").path("/api/v1/changes/stream").path("get");
        assertEquals(List.of("RateLimit-Policy", "RateLimit"), headerNames(stream.path("responses").path("200")),
                "a live stream carries no ETag, Link or Cache-Control, only the rate-limit headers");
        assertFalse(stream.path("responses").has("304"), "a live stream is never 304");
        JsonNode list = api.path("paths").path("/api/v1/recommendations").path("get").path("responses");
        assertTrue(headerNames(list.path("200")).containsAll(List.of("ETag", "Cache-Control", "Link", "Vary", "Content-Disposition")),
                "the list chooses its answer by Accept: " + headerNames(list.path("200")));
        assertTrue(headerNames(list.path("304")).containsAll(List.of("ETag", "Vary")), "a 304 says what its 200 would");
        for (String figures : List.of("/api/v1/stats", "/api/v1/stats/timeline")) {
            assertFalse(headerNames(api.path("paths").path(figures).path("get").path("responses").path("200")).contains("Link"),
                    figures + " is not paged");
        }
        JsonNode item = api.path("paths").path("/api/v1/reports/{reference}").path("get").path("responses");
        assertEquals(List.of("ETag", "Cache-Control", "RateLimit-Policy", "RateLimit"), headerNames(item.path("200")),
                "an item answers neither Link nor Vary");
        for (var operation : operations(api)) {
            if (operation.getKey().startsWith("POST ")) {
                JsonNode created = operation.getValue().path("responses").path("201");
                if (!created.isMissingNode()) {
                    assertTrue(headerNames(created).containsAll(List.of("Location", "ETag", "Idempotency-Replayed")), operation.getKey());
                }
            }
        }
    }

    private static List<String> headerNames(JsonNode response) {
        List<String> names = new ArrayList<>();
        response.path("headers").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldRequireEveryResponseFieldAndDeclareEachOneThatMayBeNull() throws IOException {
        JsonNode api = document();
        JsonNode schemas = api.path("components").path("schemas");
        for (var schema : fields(schemas)) {
            String name = schema.getKey();
            if (name.endsWith("Input") || name.endsWith("Patch") || name.startsWith("Bulk")
                    || !schema.getValue().has("properties")) {
                continue;
            }
            Set<String> required = new LinkedHashSet<>();
            schema.getValue().path("required").forEach(r -> required.add(r.asText()));
            Set<String> properties = new LinkedHashSet<>();
            schema.getValue().path("properties").fieldNames().forEachRemaining(properties::add);
            if (!name.equals("ImportRowOutcome")) {
                assertEquals(properties, required, name + ": every field is always sent");
            }
            for (var property : fields(schema.getValue().path("properties"))) {
                JsonNode value = property.getValue();
                assertFalse(value.has("anyOf") && value.has("type"), name + "." + property.getKey() + ": anyOf stands alone");
                assertFalse(value.has("$ref") && value.has("type"), name + "." + property.getKey() + ": $ref stands alone");
            }
        }
        Map<String, List<String>> mayBeNull = Map.of(
                "Recommendation", List.of("targetDate", "repeats", "statusAssessedOn", "latestProgress"),
                "Report", List.of("kind", "electionDate", "publishedOn", "url"),
                "Assessment", List.of("rawStatus", "assessorName", "source", "rationale"),
                "ProgressUpdate", List.of("percentComplete"),
                "Theme", List.of("description"),
                "Stats", List.of("asOf"),
                "StatsGroup", List.of("implementationRate"),
                "TimelinePoint", List.of("implementationRate"),
                "AssessmentResult", List.of("created", "problem"),
                "RecommendationPage", List.of("next"));
        mayBeNull.forEach((name, nullables) -> {
            for (var property : fields(schemas.path(name).path("properties"))) {
                assertEquals(nullables.contains(property.getKey()), nullable(property.getValue()),
                        name + "." + property.getKey() + " is nullable exactly when the server may send null");
            }
        });
        for (String page : List.of("ReportPage", "InstitutionPage", "ThemePage", "AssessmentPage", "ProgressUpdatePage")) {
            assertTrue(nullable(schemas.path(page).path("properties").path("next")), page + ".next is null on the last page");
        }
        assertFalse(nullable(schemas.path("ChangePage").path("properties").path("next")), "the feed always names where to go on");
        assertTrue(nullable(schemas.path("ProgressUpdateResult").path("properties").path("created")));
    }

    @Test
    void shouldNameAServerAndSayThatNoOperationNeedsCredentialsYet() throws IOException {
        JsonNode api = document();
        assertTrue(api.path("servers").size() > 0, "generated clients start from a server");
        assertTrue(api.path("security").isArray() && api.path("security").isEmpty(), "security: [] until API keys exist");
    }
}
