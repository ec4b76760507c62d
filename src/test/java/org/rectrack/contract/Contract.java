package org.rectrack.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The committed openapi.yaml, read once: its operations by method and templated path, and a JSON Schema
 * 2020-12 validator for each declared response body (references into {@code #/components} resolved).
 */
public final class Contract {

    private static final Path FILE = Path.of("openapi.yaml");
    private static volatile Contract instance;

    private final JsonNode document;
    private final List<Operation> operations;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** One operation of the contract. {@code node} is its OpenAPI operation object. */
    public record Operation(String method, String template, Pattern pattern, int literalSegments, String id, JsonNode node,
            JsonNode pathItem) {

        public JsonNode responses() {
            return node.path("responses");
        }

        /** The response object declared for a status: exact, then {@code 4XX}, then {@code default}. */
        public Optional<JsonNode> response(int status) {
            JsonNode responses = responses();
            for (String key : List.of(Integer.toString(status), (status / 100) + "XX", "default")) {
                if (responses.has(key)) {
                    return Optional.of(responses.get(key));
                }
            }
            return Optional.empty();
        }

        /** Path-level and operation-level parameters, the operation's winning on the same name and place. */
        public List<JsonNode> parameters() {
            Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
            for (JsonNode p : pathItem.path("parameters")) {
                byKey.put(p.path("in").asString() + ":" + p.path("name").asString(), p);
            }
            for (JsonNode p : node.path("parameters")) {
                byKey.put(p.path("in").asString() + ":" + p.path("name").asString(), p);
            }
            return List.copyOf(byKey.values());
        }
    }

    private Contract(JsonNode document) {
        this.document = document;
        List<Operation> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            String template = path.getKey();
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS").contains(method)) {
                    found.add(new Operation(method, template, Pattern.compile(regex.toString()), literals,
                            op.getValue().path("operationId").asString(method + " " + template), op.getValue(),
                            path.getValue()));
                }
            }
        }
        // the most literal template wins: /changes/stream before a /changes/{x}
        found.sort(Comparator.comparingInt(Operation::literalSegments).reversed());
        this.operations = List.copyOf(found);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).build()));
    }

    public static Contract get() {
        Contract c = instance;
        if (c == null) {
            synchronized (Contract.class) {
                if (instance == null) {
                    try {
                        instance = new Contract(new YAMLMapper().readTree(Files.readString(FILE)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
                    }
                }
                c = instance;
            }
        }
        return c;
    }

    public List<Operation> operations() {
        return operations;
    }

    public JsonNode document() {
        return document;
    }

    /** The operation for a method and a raw (still percent-encoded) path, if the contract has one. */
    public Optional<Operation> find(String method, String rawPath) {
        return operations.stream().filter(o -> o.method.equals(method) && o.pattern.matcher(rawPath).matches())
                .findFirst();
    }

    /** Whether any operation has this path, whatever its method. */
    public boolean knowsPath(String rawPath) {
        return operations.stream().anyMatch(o -> o.pattern.matcher(rawPath).matches());
    }

    /** A named component schema, e.g. {@code RecommendationInput}. */
    public JsonNode component(String name) {
        return document.path("components").path("schemas").path(name);
    }

    /** Follows a {@code $ref} to a component, or gives the node itself. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asString();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /**
     * The validator for a schema that sits at {@code key} in the document. The schema is compiled with the
     * document's components beside it, so its {@code #/components/schemas/...} references resolve.
     */
    public Schema schema(String key, JsonNode schema) {
        return schemas.computeIfAbsent(key, k -> {
            ObjectNode root = schema.isObject() ? ((ObjectNode) schema).deepCopy() : new YAMLMapper().createObjectNode();
            root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
            root.set("components", document.path("components"));
            return registry.getSchema(root);
        });
    }
}
