package org.rectrack.common;

import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one item of a JSON array (a bulk request, the demo data) into an input record with the
 * same mapping and validation as a single POST; failures are the same exceptions, so the problem
 * mapper describes them the same way.
 */
@ApplicationScoped
public class JsonItems {

    private final ObjectMapper mapper;
    private final Validator validator;

    JsonItems(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The item without the named fields (which the caller reads itself), as a valid {@code type}. */
    public <T> T read(JsonNode item, Class<T> type, String... without) {
        if (!(item instanceof ObjectNode object)) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        ObjectNode fields = object.deepCopy();
        fields.remove(java.util.List.of(without));
        T input;
        try {
            input = mapper.treeToValue(fields, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return input;
    }
}
