package org.rectrack.recommendation;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a short list of URLs in one column, one per line. Validated URLs contain no whitespace,
 * so a newline cannot appear inside one.
 */
@Converter
public class UrlListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> urls) {
        return urls == null || urls.isEmpty() ? null : String.join("\n", urls);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isEmpty() ? List.of() : List.copyOf(Arrays.asList(column.split("\n")));
    }
}
