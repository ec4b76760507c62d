package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The orders a recommendation list can be read in; every one ends with the id, so pages never overlap. */
enum RecommendationSort {
    REFERENCE("reference", "r.reference"),
    NUMBER("number", "r.number"),
    // missing target dates sort last, as if they were far in the future
    TARGET_DATE("targetDate", "coalesce(r.targetDate, :farFuture)"),
    UPDATED_AT("updatedAt", "r.updatedAt");

    static final LocalDate FAR_FUTURE = LocalDate.of(9999, 12, 31);
    static final List<String> NAMES = List.of("reference", "-reference", "number", "-number", "targetDate",
            "-targetDate", "updatedAt", "-updatedAt");

    final String name;
    final String expression;

    RecommendationSort(String name, String expression) {
        this.name = name;
        this.expression = expression;
    }

    static RecommendationSort named(String name) {
        for (RecommendationSort sort : values()) {
            if (sort.name.equals(name)) {
                return sort;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The sort value of a row, as a cursor keeps it. */
    String valueOf(Recommendation r) {
        return switch (this) {
            case REFERENCE -> r.reference;
            case NUMBER -> Integer.toString(r.number);
            case TARGET_DATE -> (r.targetDate == null ? FAR_FUTURE : r.targetDate).toString();
            case UPDATED_AT -> r.updatedAt.toString();
        };
    }

    /** A cursor's sort value back as the type the query compares with. */
    Object parse(String value) {
        return switch (this) {
            case REFERENCE -> value;
            case NUMBER -> Integer.valueOf(value);
            case TARGET_DATE -> LocalDate.parse(value);
            case UPDATED_AT -> Instant.parse(value);
        };
    }
}
