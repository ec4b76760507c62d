package org.rectrack.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemMapper;
import org.rectrack.common.ProblemType;
import org.rectrack.recommendation.RecommendationInput;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads an import body as a JSON array of recommendations, one item at a time. An item that does
 * not bind to {@link RecommendationInput} (unknown field, wrong type) is kept as an unreadable row
 * so every bad item is named; a body that is not JSON at all is a 400 from the problem mapper.
 */
final class JsonImport {

    private JsonImport() {
    }

    static List<ImportRow> read(InputStream body, ObjectMapper mapper, int maxRows) throws IOException {
        // each item is one value among several: the strict mapper's trailing-token check is for whole bodies
        ObjectReader items = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.invalid("body", "must be a JSON array of recommendations");
            }
            List<ImportRow> rows = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (rows.size() == maxRows) {
                    throw ProblemType.TOO_LARGE.problem("The import has more than " + maxRows + " items; split it into several imports");
                }
                JsonNode item = items.readValue(parser);
                rows.add(row(rows.size(), item, mapper));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.invalid("body", "must hold nothing after the array");
            }
            return rows;
        }
    }

    private static ImportRow row(int index, JsonNode item, ObjectMapper mapper) {
        if (item == null || !item.isObject()) {
            return ImportRow.json(index, null, List.of(new FieldError("", "must be a JSON object")));
        }
        try {
            return ImportRow.json(index, mapper.treeToValue(item, RecommendationInput.class), List.of());
        } catch (UnrecognizedPropertyException e) {
            return ImportRow.json(index, null, List.of(new FieldError(ProblemMapper.jsonField(e), "is not a known field")));
        } catch (JsonMappingException e) {
            return ImportRow.json(index, null, List.of(new FieldError(ProblemMapper.jsonField(e), "has the wrong type or format")));
        } catch (JsonProcessingException e) {
            return ImportRow.json(index, null, List.of(new FieldError("", "could not be read")));
        }
    }
}
