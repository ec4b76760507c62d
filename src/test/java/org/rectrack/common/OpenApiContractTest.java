package org.rectrack.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
