package org.rectrack.common;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies an RFC 7396 JSON merge patch to the writable fields of an item. The client may only name
 * writable fields: read-only ones (server-owned or the item's key) and unknown ones are a 400.
 */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;
    private final Validator validator;

    MergePatch(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The fields a client sees but may not patch: those of the view that the input lacks, plus the keys. */
    public static Set<String> readOnly(Class<? extends Record> view, Class<? extends Record> input, String... keys) {
        Set<String> writable = names(input);
        Set<String> readOnly = names(view).stream().filter(n -> !writable.contains(n))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        readOnly.addAll(Arrays.asList(keys));
        return readOnly;
    }

    /** The current input with the patch applied and validated. */
    public <T extends Record> T apply(T current, JsonNode patch, Set<String> readOnly) {
        if (!(patch instanceof ObjectNode changes)) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) current.getClass();
        Set<String> known = names(type);
        Errors errors = new Errors();
        changes.fieldNames().forEachRemaining(name -> {
            if (readOnly.contains(name)) {
                errors.add(name, "is read-only");
            } else if (!known.contains(name)) {
                errors.add(name, "is not a known field");
            }
        });
        errors.throwIfAny();

        ObjectNode target = mapper.valueToTree(current);
        merge(target, changes);
        T merged;
        try {
            merged = mapper.treeToValue(target, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // the problem mapper names the bad field
        }
        var violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            JsonNode value = change.getValue();
            JsonNode existing = target.get(change.getKey());
            if (value.isNull()) {
                target.remove(change.getKey());
            } else if (value.isObject() && existing instanceof ObjectNode nested) {
                merge(nested, (ObjectNode) value);
            } else {
                target.set(change.getKey(), value);
            }
        }
    }

    private static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
