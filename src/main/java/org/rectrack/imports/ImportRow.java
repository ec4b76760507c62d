package org.rectrack.imports;

import java.util.List;

import org.rectrack.common.Problem.FieldError;
import org.rectrack.recommendation.Draft;
import org.rectrack.recommendation.RecommendationInput;

/**
 * One row of an import as it was read: where it stands in the body (a CSV line or a JSON array
 * index), what it says, and what could not be read at all. {@code input} is null when the row
 * could not be read as a recommendation; the {@code unreadable} errors name fields by their path
 * within the row ({@code number}, {@code themes[1]}, or empty for the whole row).
 */
record ImportRow(Integer line, Integer index, RecommendationInput input, List<FieldError> unreadable) {

    static ImportRow csv(int line, RecommendationInput input, List<FieldError> unreadable) {
        return new ImportRow(line, null, input, List.copyOf(unreadable));
    }

    static ImportRow json(int index, RecommendationInput input, List<FieldError> unreadable) {
        return new ImportRow(null, index, input, List.copyOf(unreadable));
    }

    boolean isCsv() {
        return line != null;
    }

    /** The name a client sees for a field of this row: {@code line 7, column themes} or {@code [3].themes[1]}. */
    String field(String path) {
        if (isCsv()) {
            String column = Draft.field(path);
            return column.isEmpty() ? "line " + line : "line " + line + ", column " + column;
        }
        return path.isEmpty() ? "[" + index + "]" : "[" + index + "]." + path;
    }

    /**
     * A message about one field. A CSV cell holds a whole list, so a message about one of its
     * items quotes that item.
     */
    String message(String path, Object value, String message) {
        return isCsv() && path.contains("[") && value != null ? "'" + value + "' " + message : message;
    }
}
